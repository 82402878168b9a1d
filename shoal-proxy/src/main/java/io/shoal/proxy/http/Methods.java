package io.shoal.proxy.http;

/** The request methods Shoal forwards: all but CONNECT, as it opens no tunnels. */
public final class Methods {
    /** What a 405 offers instead, in its {@code Allow} field (RFC 9110 section 15.5.6). */
    public static final String FORWARDED = "GET, HEAD, POST, PUT, DELETE, OPTIONS, TRACE, PATCH";

    private Methods() {}
}
