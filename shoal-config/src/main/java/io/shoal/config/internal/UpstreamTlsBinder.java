package io.shoal.config.internal;

import io.shoal.config.Defaults;
import io.shoal.config.UpstreamTlsConfig;
import io.shoal.config.UpstreamTlsConfig.Verify;
import io.shoal.config.Values;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Binds a service's {@code tls}: {@code true} or {@code false}, or {@code {verify, ca, server_name}}. The
 * {@code ca} file is read here, so that a bad one is reported at the line that names it.
 */
final class UpstreamTlsBinder {
    private UpstreamTlsBinder() {}

    /** Null without {@code tls}, with {@code tls: false}, and when it cannot be read (reported). */
    static UpstreamTlsConfig tls(Section service) {
        Optional<Node> node = service.get("tls");
        if (node.isEmpty()) {
            return null;
        }
        if (node.get() instanceof Node.Mapping) {
            return service.section("tls").map(UpstreamTlsBinder::bind).orElse(null);
        }
        boolean on = service.value("tls", false, text -> {
            try {
                return Values.bool(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("expected true, false or {verify, ca, server_name}, got '"
                        + text + "'", e);
            }
        });
        return on ? UpstreamTlsConfig.defaults() : null;
    }

    private static UpstreamTlsConfig bind(Section s) {
        Verify verify = s.bool("verify", Defaults.UPSTREAM_TLS_VERIFY) ? Verify.REQUIRED : Verify.NONE;
        Path ca = s.value("ca", Path::of).filter(file -> TlsFiles.checkCa(file, s.child("ca"), s.binding().problems()))
                .orElse(null);
        String serverName = s.text("server_name").orElse(null);
        s.finish();
        return new UpstreamTlsConfig(verify, ca, serverName);
    }
}
