package io.shoal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class YamlRedirectConfigTest {
    /** A redirecting listener on line 2, a routed one beside it; the listener's extra keys go on line 3. */
    private static String withRedirect(String extra) {
        return """
                listeners:
                  - address: 127.0.0.1:8080
                    redirect: https
                """ + extra + """
                  - address: 127.0.0.1:8443
                services:
                  web:
                    servers: [127.0.0.1:9001]
                """;
    }

    @Test
    void redirectDefaultsTo301OnPort443AndHasNoRoutes() throws ConfigException {
        ShoalConfig config = YamlConfigLoader.parse(withRedirect(""), "shoal.yaml");

        ListenerConfig redirecting = config.listeners().get(0);
        assertThat(redirecting.redirect()).contains(new RedirectConfig(301, 443));
        assertThat(redirecting.routes()).isEmpty();
        assertThat(config.listeners().get(1).redirect()).isEmpty();
        assertThat(config.listeners().get(1).routes()).hasSize(1);
    }

    @Test
    void codeAndPortAreSettable() throws ConfigException {
        ShoalConfig config = YamlConfigLoader.parse(
                withRedirect("    redirect_code: 308\n    redirect_port: 8443\n"), "shoal.yaml");

        assertThat(config.listeners().get(0).redirect()).isEqualTo(Optional.of(new RedirectConfig(308, 8443)));
    }

    @Test
    void onlyHttpsIsARedirectTarget() {
        assertError(withRedirect("").replace("redirect: https", "redirect: http"),
                "shoal.yaml:3: listeners[0].redirect: bad redirect 'http', expected https");
    }

    @Test
    void onlyPermanentRedirectCodes() {
        assertError(withRedirect("    redirect_code: 302\n"),
                "shoal.yaml:4: listeners[0].redirect_code: bad redirect_code 302, expected 301 or 308");
    }

    @Test
    void portMustBeAPort() {
        assertError(withRedirect("    redirect_port: 70000\n"),
                "shoal.yaml:4: listeners[0].redirect_port: must be between 1 and 65535, got 70000");
    }

    @Test
    void routesOnARedirectingListenerSayWhyTheyAreRefused() {
        assertError(withRedirect("    routes: [{service: web}]\n"),
                "shoal.yaml:4: listeners[0].routes: a listener with redirect answers every request with the redirect,"
                        + " so routes would never be used: remove them");
    }

    @Test
    void redirectOnATlsListenerIsRefused() {
        String yaml = withRedirect("    tls: {cert: a.pem, key: a.key}\n");
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> YamlConfigLoader.parse(yaml, "shoal.yaml"));

        assertThat(e.problems()).extracting(ConfigException.ConfigProblem::toString).contains(
                "shoal.yaml:3: listeners[0].redirect: redirect to https belongs on a plain-HTTP listener, and this one has tls");
    }

    @Test
    void redirectSettingsWithoutRedirect() {
        assertError(withRedirect("").replace("    redirect: https\n", "    redirect_code: 308\n"),
                "shoal.yaml:3: listeners[0].redirect_code: only meaningful with redirect: https");
    }

    private static void assertError(String yaml, String message) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> YamlConfigLoader.parse(yaml, "shoal.yaml"));
        assertThat(e).as("problems in\n%s", yaml).hasMessage(message);
    }
}
