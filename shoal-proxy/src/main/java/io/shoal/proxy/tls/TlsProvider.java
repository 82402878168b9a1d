package io.shoal.proxy.tls;

import io.netty.handler.ssl.CipherSuiteFilter;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.util.stream.StreamSupport;

/**
 * Which TLS implementation terminates connections: BoringSSL through netty-tcnative when its native
 * library loads on this machine (several times the JDK's handshakes per CPU second), the JDK's own
 * otherwise, so that TLS works everywhere.
 */
public enum TlsProvider {
    /**
     * Given the names, IANA's or OpenSSL's, that BoringSSL has: it refuses a whole list that names one it has
     * not (DHE, in Mozilla's), where OpenSSL and nginx skip those.
     */
    OPENSSL(SslProvider.OPENSSL, (ciphers, defaults, supported) -> StreamSupport.stream(ciphers.spliterator(), false)
            .filter(OpenSsl::isCipherSuiteAvailable).toArray(String[]::new)),
    /** Given the names it supports: the JDK would refuse the whole list at the first handshake otherwise. */
    JDK(SslProvider.JDK, SupportedCipherSuiteFilter.INSTANCE);

    private final SslProvider netty;
    private final CipherSuiteFilter cipherFilter;

    TlsProvider(SslProvider netty, CipherSuiteFilter cipherFilter) {
        this.netty = netty;
        this.cipherFilter = cipherFilter;
    }

    /** OpenSSL when it is available with ALPN, else the JDK. */
    public static TlsProvider best() {
        return OpenSsl.isAvailable() && SslProvider.isAlpnSupported(SslProvider.OPENSSL) ? OPENSSL : JDK;
    }

    SslProvider netty() {
        return netty;
    }

    CipherSuiteFilter cipherFilter() {
        return cipherFilter;
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
