package io.shoal.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.shoal.config.BalanceConfig;
import io.shoal.config.CertificateConfig;
import io.shoal.config.ConfigException;
import io.shoal.config.HostPort;
import io.shoal.config.QuickConfig;
import io.shoal.config.ServerConfig;
import io.shoal.config.ServiceConfig;
import io.shoal.config.ShoalConfig;
import io.shoal.config.TlsConfig;
import io.shoal.testing.TestCertificates;
import io.shoal.testing.TestCertificates.Issued;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** How {@code shoal proxy} options reach the configuration, without starting anything. */
class ProxyCommandTest {

    private static ShoalConfig parse(String... args) throws ConfigException {
        ProxyCommand command = new ProxyCommand();
        new CommandLine(command).parseArgs(args);
        return command.config();
    }

    private static ServiceConfig service(ShoalConfig config) {
        return config.services().get(QuickConfig.SERVICE);
    }

    @Test
    void listensOnLoopback8080AndBalancesRoundRobinByDefault() throws ConfigException {
        ShoalConfig config = parse("--backend", "127.0.0.1:9001");

        assertThat(config.listeners().get(0).address()).isEqualTo(new HostPort("127.0.0.1", 8080));
        assertThat(service(config).balance().algorithm()).isEqualTo(BalanceConfig.Algorithm.ROUND_ROBIN);
        assertThat(service(config).sticky()).isNull();
        assertThat(config.accessLog().enabled()).isFalse();
    }

    @Test
    void passesEveryOptionThrough() throws ConfigException {
        ShoalConfig config = parse("--listen", "127.0.0.1:0", "--backend", "127.0.0.1:9001",
                "--backend", "127.0.0.1:9002,weight=3", "--balance", "hash:header:X-User",
                "--connect-timeout", "2s", "--response-timeout", "3s", "--threads", "1",
                "--access-log", "-", "--access-log-format", "json", "--sticky=ROUTE");

        ServiceConfig service = service(config);
        assertThat(service.servers()).extracting(s -> s.address().port(), ServerConfig::weight)
                .containsExactly(tuple(9001, 1), tuple(9002, 3));
        assertThat(service.balance().hashKey()).hasToString("header:X-User");
        assertThat(service.timeouts().connect()).isEqualTo(Duration.ofSeconds(2));
        assertThat(service.timeouts().response()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.proxy().threads()).isEqualTo(1);
        assertThat(config.accessLog().path()).isEqualTo("-");
        assertThat(service.sticky().cookieName()).isEqualTo("ROUTE");
    }

    @Test
    void stickyWithoutANameUsesTheDefaultCookie() throws ConfigException {
        assertThat(service(parse("--sticky", "--backend", "127.0.0.1:9001")).sticky().cookieName())
                .isEqualTo("SHOAL_SERVER");
    }

    @Test
    void invalidValuesAreReportedByOption() {
        assertThatThrownBy(() -> parse("--backend", "127.0.0.1:9001,weight=0", "--connect-timeout", "2"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("command line: --backend")
                .hasMessageContaining("command line: --connect-timeout");
    }

    @Test
    void tlsCertAndKeyTurnTheListenerToTls(@TempDir Path dir) throws ConfigException {
        Issued issued = TestCertificates.issue(dir, "a.example.com", "a.example.com");

        ShoalConfig config = parse("--backend", "127.0.0.1:9001", "--tls-cert", issued.cert().toString(),
                "--tls-key", issued.key().toString());

        assertThat(config.listeners().get(0).tls()).contains(
                TlsConfig.of(List.of(new CertificateConfig(issued.cert(), issued.key()))));
        assertThat(parse("--backend", "127.0.0.1:9001").listeners().get(0).tls()).isEmpty();
    }

    @Test
    void tlsOptionsAreCheckedAndNamed(@TempDir Path dir) {
        Issued a = TestCertificates.issue(dir, "a.example.com", "a.example.com");
        Issued b = TestCertificates.issue(dir, "b.example.com", "b.example.com");

        assertThatThrownBy(() -> parse("--backend", "127.0.0.1:9001", "--tls-cert", a.cert().toString()))
                .hasMessage("command line: --tls-key: --tls-cert and --tls-key go together");
        assertThatThrownBy(() -> parse("--backend", "127.0.0.1:9001", "--tls-cert", a.cert().toString(),
                "--tls-key", b.key().toString()))
                .hasMessage("command line: --tls-key: " + b.key() + ": does not match the certificate in " + a.cert()
                        + " (the key of another certificate?)");
    }
}
