package io.shoal.config.internal;

import io.shoal.config.Defaults;
import io.shoal.config.HstsConfig;
import java.util.Optional;

/**
 * Binds a listener's {@code hsts}. Browsers ignore {@code Strict-Transport-Security} received over
 * plain HTTP (RFC 6797 section 8.1), so it is refused on a listener without {@code tls} rather than sent in vain.
 */
final class HstsBinder {
    private HstsBinder() {}

    static Optional<HstsConfig> hsts(Section listener) {
        Optional<Section> section = listener.section("hsts");
        if (section.isPresent() && !listener.has("tls")) {
            listener.binding().problems().add(listener.child("hsts"), "needs tls on this listener: browsers ignore "
                    + "Strict-Transport-Security received over plain HTTP (RFC 6797 section 8.1)");
        }
        return section.map(HstsBinder::bind);
    }

    private static HstsConfig bind(Section s) {
        HstsConfig hsts = new HstsConfig(s.duration("max_age", Defaults.HSTS_MAX_AGE),
                s.bool("include_subdomains", false), s.bool("preload", false));
        s.finish();
        return hsts;
    }
}
