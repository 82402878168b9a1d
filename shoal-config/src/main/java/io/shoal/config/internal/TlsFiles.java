package io.shoal.config.internal;

import io.shoal.config.CertificateConfig;
import io.shoal.config.PemFiles;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Checks a certificate's files at load, as nginx and HAProxy refuse to start on them: each readable and
 * PEM, and the key the private half of the certificate. An expired certificate is not refused here (nginx
 * and HAProxy load it too); the proxy warns about it at start.
 */
public final class TlsFiles {
    private TlsFiles() {}

    /** Reports each problem at the path of the file it is about; true when there is none. */
    public static boolean check(CertificateConfig certificate, String certPath, String keyPath, ProblemSink sink) {
        Optional<List<X509Certificate>> chain = read(certPath, sink, () -> PemFiles.chain(certificate.cert()));
        Optional<PrivateKey> key = read(keyPath, sink, () -> PemFiles.privateKey(certificate.key()));
        if (chain.isEmpty() || key.isEmpty()) {
            return false;
        }
        if (!PemFiles.matches(key.get(), chain.get().get(0))) {
            sink.add(keyPath, certificate.key() + ": does not match the certificate in " + certificate.cert()
                    + " (the key of another certificate?)");
            return false;
        }
        return true;
    }

    /**
     * Checks a file of trusted CA certificates ({@code ca}, {@code client_ca}): readable PEM with at least one;
     * reports a problem at {@code path} otherwise.
     */
    public static boolean checkCa(Path file, String path, ProblemSink sink) {
        return read(path, sink, () -> PemFiles.chain(file)).isPresent();
    }

    private static <T> Optional<T> read(String path, ProblemSink sink, java.util.function.Supplier<T> reader) {
        try {
            return Optional.of(reader.get());
        } catch (IllegalArgumentException e) {
            sink.add(path, e.getMessage());
            return Optional.empty();
        }
    }
}
