package io.shoal.proxy.upstream;

import io.netty.util.AsciiString;

/** The de-facto forwarding headers nginx users set by hand ({@code proxy_set_header X-Forwarded-For ...}). */
public final class XForwarded {
    public static final AsciiString FOR = AsciiString.cached("x-forwarded-for");
    static final AsciiString PROTO = AsciiString.cached("x-forwarded-proto");
    static final AsciiString HOST = AsciiString.cached("x-forwarded-host");
    static final AsciiString REAL_IP = AsciiString.cached("x-real-ip");

    private XForwarded() {}
}
