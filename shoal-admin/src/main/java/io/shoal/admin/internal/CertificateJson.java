package io.shoal.admin.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.shoal.proxy.tls.TlsListeners.Served;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * A served certificate as the listeners' JSON tells it: subject, host names, expiry as an ISO time and in whole days
 * left (negative once expired: {@code -9} nine days ago), and whether it is about to expire, for the dashboard to mark.
 */
final class CertificateJson {
    /**
     * Within this of its end a certificate is {@code expiring}: Let's Encrypt's clients renew 30 days ahead, so one
     * this close has missed renewals for two weeks.
     */
    static final Duration EXPIRING = Duration.ofDays(14);

    /** Where a certificate stands, as of now. */
    enum Expiry { VALID, EXPIRING, EXPIRED }

    private CertificateJson() {}

    static void add(ArrayNode certificates, Served served, Instant now) {
        Duration left = Duration.between(now, served.notAfter());
        ArrayNode names = certificates.addObject().put("subject", served.subject())
                .put("notAfter", served.notAfter().toString())
                .put("daysLeft", left.toDays())
                .put("expiry", expiry(left).name().toLowerCase(Locale.ROOT))
                .putArray("names");
        served.names().forEach(names::add);
    }

    private static Expiry expiry(Duration left) {
        if (left.isNegative()) {
            return Expiry.EXPIRED;
        }
        return left.compareTo(EXPIRING) <= 0 ? Expiry.EXPIRING : Expiry.VALID;
    }
}
