package io.shoal.config;

import java.time.Duration;

/**
 * @param connect time allowed to open a connection to a server (nginx {@code proxy_connect_timeout})
 * @param response time allowed between sending the request and receiving the response head, and
 *     between two reads of the response (nginx {@code proxy_read_timeout}); 504 when it passes
 */
public record UpstreamTimeouts(Duration connect, Duration response) {

    public static UpstreamTimeouts defaults() {
        return new UpstreamTimeouts(Defaults.CONNECT_TIMEOUT, Defaults.RESPONSE_TIMEOUT);
    }
}
