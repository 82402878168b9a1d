package io.shoal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.shoal.config.ConfigException.ConfigProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code admin} section: defaults, binding, and the errors that refuse an unsafe admin endpoint. */
class YamlAdminConfigTest {
    private static final String BASE = """
            listeners:
              - address: 127.0.0.1:8080
            services:
              web:
                servers: [127.0.0.1:9001]
            """;

    @Test
    void defaultsWithoutTheSection() throws ConfigException {
        AdminConfig admin = YamlConfigLoader.parse(BASE, "shoal.yaml").admin();
        assertThat(admin).isEqualTo(AdminConfig.defaults());
        assertThat(admin.listen()).isNull();
        assertThat(admin.hasToken()).isFalse();
        assertThat(admin.allow()).containsExactly("127.0.0.0/8", "::1");
        assertThat(admin.allowedHosts()).isEmpty();
    }

    @Test
    void bindsEveryKey() throws ConfigException {
        AdminConfig admin = YamlConfigLoader.parse(BASE + """
                admin:
                  listen: 0.0.0.0:9901
                  token_file: /etc/shoal/token
                  allow: [10.0.0.0/8, 127.0.0.1]
                  allowed_hosts: [shoal.example.com]
                """, "shoal.yaml").admin();
        assertThat(admin).isEqualTo(new AdminConfig(new HostPort("0.0.0.0", 9901), null, "/etc/shoal/token",
                List.of("10.0.0.0/8", "127.0.0.1"), List.of("shoal.example.com")));
        assertThat(admin.hasToken()).isTrue();
    }

    @Test
    void refusesANonLoopbackAddressWithoutAToken() {
        assertOnly(BASE + "admin:\n  listen: 0.0.0.0:9901\n", 7, "admin.listen",
                "an admin address beyond loopback needs a token");
        assertOnly(BASE + "admin:\n  listen: :9901\n", 7, "admin.listen", "an admin address beyond loopback");
    }

    @Test
    void loopbackNeedsNoToken() throws ConfigException {
        assertThat(YamlConfigLoader.parse(BASE + "admin:\n  listen: localhost:0\n", "x").admin().listen())
                .isEqualTo(new HostPort("localhost", 0));
        assertThat(YamlConfigLoader.parse(BASE + "admin:\n  listen: '[::1]:9901'\n", "x").admin().listen())
                .isEqualTo(new HostPort("::1", 9901));
    }

    @Test
    void refusesBadTokensAndNetworks() {
        assertOnly(BASE + "admin:\n  token: short\n", 7, "admin.token", "must be at least 16 characters long, got 5");
        assertOnly(BASE + "admin:\n  token: 0123456789abcdef\n  token_file: /t\n", 8, "admin.token_file",
                "set admin.token or admin.token_file, not both");
        assertOnly(BASE + "admin:\n  allow: [127.0.0.1, office]\n", 7, "admin.allow[1]",
                "expected an IP address or CIDR range such as 10.0.0.0/8, got 'office'");
        assertOnly(BASE + "admin:\n  allowed_hosts: [shoal.example.com, 'shoal.example.com:9901']\n", 7,
                "admin.allowed_hosts[1]",
                "expected a host name without port such as shoal.example.com, got 'shoal.example.com:9901'");
        assertOnly(BASE + "admin:\n  listn: 127.0.0.1:1\n", 7, "admin.listn", "unknown key; did you mean listen?");
    }

    private static void assertOnly(String yaml, int line, String key, String messageStart) {
        List<ConfigProblem> problems = catchThrowableOfType(ConfigException.class,
                () -> YamlConfigLoader.parse(yaml, "shoal.yaml")).problems();
        assertThat(problems).as("problems in\n%s", yaml).hasSize(1);
        assertThat(problems.get(0).line()).as("line of %s", problems.get(0)).isEqualTo(line);
        assertThat(problems.get(0).key()).isEqualTo(key);
        assertThat(problems.get(0).message()).startsWith(messageStart);
    }
}
