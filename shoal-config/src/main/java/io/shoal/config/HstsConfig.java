package io.shoal.config;

import java.time.Duration;

/**
 * The {@code Strict-Transport-Security} field (RFC 6797) a TLS listener sets on every response it sends.
 *
 * @param maxAge how long browsers remember to use HTTPS only; whole seconds are sent
 */
public record HstsConfig(Duration maxAge, boolean includeSubdomains, boolean preload) {

    /** The field's value, e.g. {@code max-age=31536000; includeSubDomains}. */
    public String headerValue() {
        return "max-age=" + maxAge.toSeconds() + (includeSubdomains ? "; includeSubDomains" : "")
                + (preload ? "; preload" : "");
    }
}
