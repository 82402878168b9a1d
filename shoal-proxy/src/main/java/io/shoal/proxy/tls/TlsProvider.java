package io.shoal.proxy.tls;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;

/**
 * Which TLS implementation terminates connections: BoringSSL through netty-tcnative when its native
 * library loads on this machine (several times the JDK's handshakes per CPU second), the JDK's own
 * otherwise, so that TLS works everywhere.
 */
public enum TlsProvider {
    OPENSSL(SslProvider.OPENSSL),
    JDK(SslProvider.JDK);

    private final SslProvider netty;

    TlsProvider(SslProvider netty) {
        this.netty = netty;
    }

    /** OpenSSL when it is available with ALPN, else the JDK. */
    public static TlsProvider best() {
        return OpenSsl.isAvailable() && SslProvider.isAlpnSupported(SslProvider.OPENSSL) ? OPENSSL : JDK;
    }

    SslProvider netty() {
        return netty;
    }

    /** What the start line says, e.g. {@code OpenSSL (BoringSSL)}, or the JDK and why OpenSSL is not used. */
    public String describe() {
        if (this == OPENSSL) {
            return "OpenSSL (" + OpenSsl.versionString() + ")";
        }
        Throwable why = OpenSsl.unavailabilityCause();
        return "the JDK (" + (why == null ? "OpenSSL has no ALPN here" : "OpenSSL unavailable: " + why.getMessage()) + ")";
    }
}
