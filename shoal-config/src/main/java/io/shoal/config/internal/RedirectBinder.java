package io.shoal.config.internal;

import io.shoal.config.Defaults;
import io.shoal.config.RedirectConfig;
import io.shoal.config.Values;
import java.util.Optional;

/**
 * Binds a listener's {@code redirect}, {@code redirect_code} and {@code redirect_port}. A redirecting
 * listener answers every request itself, so routes written on it would never be used: they are refused
 * rather than ignored, as is TLS, since the redirect exists to move plain-HTTP clients to HTTPS.
 */
final class RedirectBinder {
    private RedirectBinder() {}

    static Optional<RedirectConfig> redirect(Section s) {
        if (!s.has("redirect")) {
            s.get("redirect");
            onlyWithRedirect(s, "redirect_code");
            onlyWithRedirect(s, "redirect_port");
            return Optional.empty();
        }
        Optional<String> scheme = s.value("redirect", RedirectBinder::scheme);
        int code = s.value("redirect_code", Defaults.REDIRECT_CODE, RedirectBinder::code);
        int port = s.value("redirect_port", Defaults.REDIRECT_PORT, Values::integer);
        Problems problems = s.binding().problems();
        s.get("routes").ifPresent(node -> problems.add(s.child("routes"),
                "a listener with redirect answers every request with the redirect, so routes would never be used: remove them"));
        if (s.has("tls")) {
            problems.add(s.child("redirect"), "redirect to https belongs on a plain-HTTP listener, and this one has tls");
        }
        return scheme.map(ignored -> new RedirectConfig(code, port));
    }

    private static void onlyWithRedirect(Section s, String key) {
        s.get(key).ifPresent(node -> s.binding().problems().add(s.child(key), "only meaningful with redirect: https"));
    }

    private static String scheme(String text) {
        if (!text.equals("https")) {
            throw new IllegalArgumentException("bad redirect '" + text + "', expected https");
        }
        return text;
    }

    private static int code(String text) {
        int code = Values.integer(text);
        if (code != 301 && code != 308) {
            throw new IllegalArgumentException("bad redirect_code " + code + ", expected 301 or 308");
        }
        return code;
    }
}
