package io.shoal.config;

/**
 * HTTP/2 towards clients: the SETTINGS Shoal announces on every HTTP/2 connection. The largest header
 * list a client may send is {@code proxy.max_header_size}, as for HTTP/1.1.
 *
 * @param maxConcurrentStreams streams a client may have open at once on one connection (nginx
 *     {@code http2_max_concurrent_streams}, HAProxy {@code tune.h2.max-concurrent-streams})
 * @param initialWindowSize bytes of a request body a client may send on one stream before Shoal has
 *     passed them on (HAProxy {@code tune.h2.initial-window-size}); a stream's body is read only as fast
 *     as its server takes it
 * @param connectionWindowSize the same for all the streams of a connection together (Envoy
 *     {@code initial_connection_window_size}): larger than one stream's, so a stalled stream holds the
 *     others up only when many stall
 * @param maxFrameSize the largest frame payload Shoal accepts
 */
public record Http2Config(int maxConcurrentStreams, int initialWindowSize, int connectionWindowSize, int maxFrameSize) {

    public static Http2Config defaults() {
        return new Http2Config(Defaults.HTTP2_MAX_CONCURRENT_STREAMS, Defaults.HTTP2_INITIAL_WINDOW_SIZE,
                Defaults.HTTP2_CONNECTION_WINDOW_SIZE, Defaults.HTTP2_MAX_FRAME_SIZE);
    }
}
