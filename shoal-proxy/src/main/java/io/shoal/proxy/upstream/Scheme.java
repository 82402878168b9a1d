package io.shoal.proxy.upstream;

import io.netty.util.AsciiString;

/** How the client reached the proxy, as {@code X-Forwarded-Proto} tells the upstream. */
public enum Scheme {
    HTTP("http"),
    HTTPS("https");

    private final AsciiString forwarded;

    Scheme(String name) {
        this.forwarded = AsciiString.cached(name);
    }

    public AsciiString forwarded() {
        return forwarded;
    }
}
