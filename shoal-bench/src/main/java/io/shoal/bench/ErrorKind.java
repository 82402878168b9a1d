package io.shoal.bench;

/**
 * Why a request got no answer. Answers with an error status are not here: they are answers, counted by status code
 * in {@link BenchResult#statuses()} and as failures in {@link BenchResult#failures()}.
 */
public enum ErrorKind {
    /** The connection could not be opened (refused, unreachable, or not within the timeout). */
    CONNECT,
    /** The TLS handshake failed (the server's certificate is not checked: this is the handshake itself failing). */
    TLS,
    /** No complete answer within the per-request timeout; the connection is closed and a new one opened. */
    TIMEOUT,
    /** The peer reset the connection (TCP RST) before the answer was complete. */
    RESET,
    /** The peer closed the connection (FIN) before the answer was complete. */
    CLOSED,
    /** The answer was not valid HTTP/1.1 or HTTP/2, or the server refused the stream. */
    PROTOCOL;

    /** The lower-case name used in the summary, JSON and HTML reports. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
