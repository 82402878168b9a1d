package io.shoal.proxy.tls;

import java.nio.file.Path;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * A certificate outside its validity period is still served, as nginx and HAProxy serve it (a restart
 * must not take a site down because a renewal was late), but said once at start.
 */
final class Validity {
    private Validity() {}

    static Optional<String> warning(X509Certificate certificate, Path file) {
        try {
            certificate.checkValidity();
            return Optional.empty();
        } catch (CertificateExpiredException e) {
            return Optional.of("certificate " + certificate.getSubjectX500Principal().getName() + " (" + file
                    + ") expired on " + certificate.getNotAfter().toInstant() + "; clients will refuse it");
        } catch (CertificateNotYetValidException e) {
            return Optional.of("certificate " + certificate.getSubjectX500Principal().getName() + " (" + file
                    + ") is not valid before " + certificate.getNotBefore().toInstant() + "; clients will refuse it");
        }
    }

    /** The certificates' subjects and expiry, for a reload's report. */
    static String describe(List<X509Certificate> certificates) {
        return String.join(", ", certificates.stream().map(certificate -> certificate.getSubjectX500Principal()
                .getName() + " until " + certificate.getNotAfter().toInstant()).toList());
    }
}
