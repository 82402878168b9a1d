package io.shoal.config;

import static io.shoal.config.ServiceProblems.WEB_WITH_SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.config.UpstreamTlsConfig.Verify;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlUpstreamTlsConfigTest {
    @TempDir
    Path dir;

    private static UpstreamTlsConfig tls(String serviceLines) throws ConfigException {
        return YamlConfigLoader.parse(WEB_WITH_SERVER + serviceLines, "shoal.yaml").services().get("web").tls();
    }

    @Test
    void withoutTlsOrWithTlsFalseTheServersArePlainHttp() throws Exception {
        assertThat(tls("")).isNull();
        assertThat(tls("    tls: false\n")).isNull();
    }

    @Test
    void tlsTrueVerifiesAgainstTheJdkRootsAndEachServersHostName() throws Exception {
        assertThat(tls("    tls: true\n")).isEqualTo(new UpstreamTlsConfig(Verify.REQUIRED, null, null));
        assertThat(tls("    tls: {}\n")).isEqualTo(UpstreamTlsConfig.defaults());
    }

    @Test
    void verifyFalseAndServerNameAreBound() throws Exception {
        assertThat(tls("    tls: {verify: false, server_name: api.internal}\n"))
                .isEqualTo(new UpstreamTlsConfig(Verify.NONE, null, "api.internal"));
    }

    @Test
    void anUnreadableCaIsReportedAtItsLine() {
        Path missing = dir.resolve("missing-ca.pem");
        ServiceProblems.assertOnly(WEB_WITH_SERVER, "    tls:\n      server_name: a\n      ca: " + missing + "\n",
                7, "services.web.tls.ca", "cannot read " + missing + ": no such file");
    }

    @Test
    void aCaFileWithoutACertificateIsReportedAtItsLine() throws Exception {
        Path notPem = Files.writeString(dir.resolve("ca.pem"), "not a certificate\n");
        ServiceProblems.assertOnly(WEB_WITH_SERVER, "    tls: {ca: " + notPem + "}\n",
                5, "services.web.tls.ca", notPem + ": no PEM certificate in it");
    }

    @Test
    void anUnknownKeyOrAWrongShortFormIsReported() {
        ServiceProblems.assertOnly(WEB_WITH_SERVER, "    tls: maybe\n", 5, "services.web.tls",
                "expected true, false or {verify, ca, server_name}");
        assertThat(ServiceProblems.of(WEB_WITH_SERVER, "    tls: {verfy: false}\n").get(0).key())
                .isEqualTo("services.web.tls.verfy");
    }

    @Test
    void anHttpHealthCheckIsRefusedWithTlsSinceItWouldBeSentInPlainText() throws Exception {
        ServiceProblems.assertOnly(WEB_WITH_SERVER, "    tls: true\n    health_check: {path: /health}\n",
                6, "services.web.health_check.type", "an http check does not speak TLS");
        assertThat(tls("    tls: true\n    health_check: {type: tcp}\n")).isNotNull();
    }
}
