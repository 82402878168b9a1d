package io.shoal.config;

import java.time.Duration;
import java.util.List;

/**
 * Data-plane settings shared by every listener.
 *
 * @param threads event-loop threads; 0 means one per core
 * @param clientHeaderTimeout time a client has to send a complete request head (slowloris guard)
 * @param clientBodyTimeout time allowed between two reads of a request body, else 408 (slow-body guard)
 * @param idleTimeout how long an idle keep-alive client connection is kept open
 * @param maxRequestLineBytes longest request line accepted, else 414
 * @param maxHeaderBytes largest request head accepted, else 431
 * @param clientBodyBufferBytes a request body up to this size is read whole before a server is chosen; zero: never
 * @param maxConnections client connections held at once; more are refused
 * @param trustedProxies addresses or CIDR ranges whose X-Forwarded-For is believed (ip_hash)
 * @param http2 the SETTINGS of HTTP/2 connections from clients
 * @param maxConnectionsPerClient client connections one address may hold at once; 0: no limit
 */
public record ProxySettings(
        int threads,
        Duration clientHeaderTimeout,
        Duration clientBodyTimeout,
        Duration idleTimeout,
        int maxRequestLineBytes,
        int maxHeaderBytes,
        int clientBodyBufferBytes,
        int maxConnections,
        List<String> trustedProxies,
        Http2Config http2,
        int maxConnectionsPerClient) {

    public ProxySettings {
        trustedProxies = List.copyOf(trustedProxies);
    }

    /** With the default HTTP/2 settings and no limit per client. */
    public ProxySettings(int threads, Duration clientHeaderTimeout, Duration clientBodyTimeout, Duration idleTimeout,
                         int maxRequestLineBytes, int maxHeaderBytes, int clientBodyBufferBytes, int maxConnections,
                         List<String> trustedProxies) {
        this(threads, clientHeaderTimeout, clientBodyTimeout, idleTimeout, maxRequestLineBytes, maxHeaderBytes,
                clientBodyBufferBytes, maxConnections, trustedProxies, Http2Config.defaults(),
                Defaults.MAX_CONNECTIONS_PER_CLIENT);
    }

    public static ProxySettings defaults() {
        return new ProxySettings(0, Defaults.CLIENT_HEADER_TIMEOUT, Defaults.CLIENT_BODY_TIMEOUT, Defaults.IDLE_TIMEOUT,
                Defaults.MAX_REQUEST_LINE_BYTES, Defaults.MAX_HEADER_BYTES, Defaults.CLIENT_BODY_BUFFER_BYTES,
                Defaults.MAX_CONNECTIONS, List.of());
    }
}
