package io.shoal.bench;

/**
 * What a TLS handshake of the run negotiated, as reported once: {@code version} and {@code cipher} as the JDK names
 * them ({@code TLSv1.3}, {@code TLS_AES_128_GCM_SHA256}), {@code provider} the implementation that ran
 * ({@code OpenSSL} when netty-tcnative's BoringSSL loads, {@code JDK} otherwise).
 */
public record TlsSession(String version, String cipher, String provider) {
    @Override
    public String toString() {
        return version + ", " + cipher + ", " + provider;
    }
}
