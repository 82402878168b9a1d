package io.shoal.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.shoal.config.ConfigException;
import io.shoal.config.HstsConfig;
import io.shoal.config.YamlConfigLoader;
import io.shoal.testing.TestCertificates;
import io.shoal.testing.TestCertificates.Issued;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HstsConfigLoadTest {
    @TempDir
    Path dir;
    private Issued cert;

    @BeforeEach
    void issue() {
        cert = TestCertificates.issue(dir, "localhost", "localhost");
    }

    /** A TLS listener with the given hsts lines (from line 4 on) under it. */
    private String tlsListener(String hsts) {
        return "listeners:\n  - address: 127.0.0.1:8443\n    tls: {cert: '" + cert.cert() + "', key: '" + cert.key() + "'}\n"
                + hsts + "services:\n  web:\n    servers: [127.0.0.1:9001]\n";
    }

    @Test
    void defaultsToOneYearWithoutSubdomainsOrPreload() throws ConfigException {
        HstsConfig hsts = YamlConfigLoader.parse(tlsListener("    hsts: {}\n"), "shoal.yaml").listeners().get(0).hsts().get();

        assertThat(hsts).isEqualTo(new HstsConfig(Duration.ofDays(365), false, false));
        assertThat(hsts.headerValue()).isEqualTo("max-age=31536000");
    }

    @Test
    void everyPartIsSettable() throws ConfigException {
        HstsConfig hsts = YamlConfigLoader.parse(tlsListener(
                "    hsts:\n      max_age: 2h\n      include_subdomains: true\n      preload: true\n"), "shoal.yaml")
                .listeners().get(0).hsts().get();

        assertThat(hsts.headerValue()).isEqualTo("max-age=7200; includeSubDomains; preload");
    }

    @Test
    void badValuesNameTheirLine() {
        assertError(tlsListener("    hsts:\n      max_age: 1y\n"),
                "shoal.yaml:5: listeners[0].hsts.max_age: bad duration '1y'");
        assertError(tlsListener("    hsts: {preloaded: true}\n"),
                "shoal.yaml:4: listeners[0].hsts.preloaded: unknown key; did you mean preload?");
    }

    @Test
    void plainListenerRefusesHsts() {
        String yaml = "listeners:\n  - address: 127.0.0.1:8080\n    hsts: {max_age: 1h}\n"
                + "services:\n  web:\n    servers: [127.0.0.1:9001]\n";

        assertError(yaml, "shoal.yaml:3: listeners[0].hsts: needs tls on this listener: browsers ignore "
                + "Strict-Transport-Security received over plain HTTP (RFC 6797 section 8.1)");
    }

    private static void assertError(String yaml, String messageStart) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> YamlConfigLoader.parse(yaml, "shoal.yaml"));
        assertThat(e).as("problems in\n%s", yaml).hasMessageStartingWith(messageStart);
        assertThat(e.problems()).hasSize(1);
    }
}
