package io.shoal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.shoal.config.ConfigException.ConfigProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlConfigErrorsTest {
    @TempDir
    Path dir;

    @Test
    void messageNamesFileLineAndKey() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> YamlConfigLoader.parse("""
                listeners:
                  - address: 127.0.0.1:8080
                services:
                  web:
                    servers:
                      - 127.0.0.1:9001
                      - address: 127.0.0.1:9002
                        weight: 0
                """, "shoal.yaml"));

        assertThat(e).hasMessage("shoal.yaml:8: services.web.servers[1].weight: must be between 1 and 1000, got 0");
    }

    @Test
    void fileProblemsNameTheFileAsGiven() throws IOException {
        Path file = Files.writeString(dir.resolve("shoal.yaml"), "listeners: []\n");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> YamlConfigLoader.load(file));

        assertThat(e.problems()).extracting(ConfigProblem::source).containsOnly(file.toString());
    }

    @Test
    void wrongType() throws IOException {
        assertOnly(valid().replace("    servers: [127.0.0.1:9001]", "    servers: {a: 1}"),
                5, "services.web.servers", "expected a list, got a mapping");
        assertOnly(valid().replace("listeners:", "proxy: {threads: many}\nlisteners:"),
                1, "proxy.threads", "expected a whole number, got 'many'");
        assertOnly(valid().replace("listeners:", "tuning: {busy_poll: 5ms}\nlisteners:"),
                1, "tuning.busy_poll", "must be between 0us and 1ms, got 5ms");
        assertOnly(valid().replace("listeners:", "tuning: {compiler_nice: 25}\nlisteners:"),
                1, "tuning.compiler_nice", "must be between 0 (leave the compiler alone) and 19, got 25");
        assertOnly(valid().replace("listeners:", "tuning: {gc_at_start: sometimes}\nlisteners:"),
                1, "tuning.gc_at_start", "expected true or false");
        assertOnly(valid().replace("  web:\n", "  web:\n    sticky: sometimes\n"),
                5, "services.web.sticky", "expected true, false or {cookie: NAME}, got 'sometimes'");
    }

    @Test
    void settingsThatMovedToTuningSayWhereTheyGo() throws IOException {
        String old = valid().replace("listeners:", "proxy:\n  threads: 1\n  busy_poll: 50us\n  compiler_nice: 19\nlisteners:");

        assertThat(problems(old)).extracting(ConfigProblem::toString).containsExactly(
                dir.resolve("shoal.yaml") + ":3: proxy.busy_poll: moved: write it as tuning.busy_poll",
                dir.resolve("shoal.yaml") + ":4: proxy.compiler_nice: moved: write it as tuning.compiler_nice");
    }

    @Test
    void unknownKeyWithSuggestion() throws IOException {
        assertOnly(valid().replace("  web:\n", "  web:\n    conect_timeout: 2s\n"),
                5, "services.web.conect_timeout", "unknown key; did you mean connect_timeout?");
        assertOnly(valid().replace("  web:\n", "  web:\n    responseTimeout: 2s\n"),
                5, "services.web.responseTimeout", "unknown key; did you mean response_timeout?");
        assertOnly(valid().replace("  web:\n", "  web:\n    colour: blue\n"),
                5, "services.web.colour", "unknown key");
    }

    @Test
    void routeToMissingServicePointsAtTheRoute() throws IOException {
        String yaml = valid().replace("  - address: 127.0.0.1:8080\n",
                "  - address: 127.0.0.1:8080\n    routes:\n      - path: /\n        service: wbe\n");

        assertOnly(yaml, 5, "listeners[0].routes[0].service", "no service named 'wbe'; did you mean web? (defined: web)");
    }

    @Test
    void splitToMissingServicePointsAtTheSplitEntry() throws IOException {
        String yaml = valid().replace("  - address: 127.0.0.1:8080\n", """
                  - address: 127.0.0.1:8080
                    routes:
                      - split:
                          - {service: web, weight: 9}
                          - {service: canary, weight: 1}
                """);

        assertOnly(yaml, 6, "listeners[0].routes[0].split[1].service", "no service named 'canary' (defined: web)");
    }

    @Test
    void badWeightInShortAndLongForms() throws IOException {
        String yaml = valid().replace("    servers: [127.0.0.1:9001]", """
                    servers:
                      - 127.0.0.1:9001
                      - {address: 127.0.0.1:9002, weight: 1001}
                """.stripTrailing());

        assertOnly(yaml, 7, "services.web.servers[1].weight", "must be between 1 and 1000, got 1001");
    }

    @Test
    void badDurationsAndSizes() throws IOException {
        assertOnly(valid().replace("  web:\n", "  web:\n    connect_timeout: 5\n"),
                5, "services.web.connect_timeout", "'5' has no unit; write e.g. 5s");
        assertOnly(valid().replace("  web:\n", "  web:\n    retry: {deadline: soon}\n"),
                5, "services.web.retry.deadline", "bad duration 'soon'");
        assertOnly(valid().replace("  web:\n", "  web:\n    response_timeout: 0s\n"),
                5, "services.web.response_timeout", "must be positive, got 0s");
        assertOnly(valid().replace("listeners:", "proxy:\n  max_header_size: 8x\nlisteners:"),
                2, "proxy.max_header_size", "bad size '8x'");
    }

    @Test
    void yamlSyntaxErrorHasItsLine() throws IOException {
        assertOnly(valid().replace("    servers: [127.0.0.1:9001]", "    servers: [127.0.0.1:9001"),
                6, "services.web.servers[0]", "YAML syntax error: expected ',' or ']'");
        assertOnly("listeners:\n\t- address: :80\n", 2, "listeners", "YAML syntax error: found character '\\t(TAB)'");
    }

    @Test
    void duplicateKey() throws IOException {
        assertOnly(valid().replace("  web:\n", "  web:\n    balance: random\n    balance: p2c\n"),
                6, "services.web.balance", "duplicate key; first set on line 5");
    }

    @Test
    void addressesAndPorts() throws IOException {
        assertOnly(valid().replace("127.0.0.1:9001", "127.0.0.1:0"),
                5, "services.web.servers[0]", "port must be between 1 and 65535, got 0");
        assertOnly(valid().replace("127.0.0.1:9001", "\"::1:9001\""),
                5, "services.web.servers[0]", "IPv6 address needs brackets");
        assertOnly(valid().replace("127.0.0.1:9001", "http://127.0.0.1:9001"),
                5, "services.web.servers[0]", "'http://127.0.0.1:9001' is a URL; write host:port");
        assertOnly(valid().replace("127.0.0.1:8080", "127.0.0.1:70000"),
                2, "listeners[0].address", "port must be between 0 and 65535, got 70000");
        assertOnly(valid().replace("listeners:", "proxy: {trusted_proxies: [10.0.0.0/33]}\nlisteners:"),
                1, "proxy.trusted_proxies[0]", "expected an IP address or CIDR range");
    }

    @Test
    void duplicateListenerAddress() throws IOException {
        assertOnly(valid().replace("  - address: 127.0.0.1:8080\n", "  - address: 127.0.0.1:8080\n  - address: 127.0.0.1:8080\n"),
                3, "listeners[1].address", "duplicate of listeners[0] (127.0.0.1:8080)");
    }

    @Test
    void algorithmAndHashKey() throws IOException {
        assertOnly(valid().replace("  web:\n", "  web:\n    balance: leastconn\n"), 5, "services.web.balance",
                "unknown balance algorithm 'leastconn'; valid: round_robin, weighted, least_conn, ip_hash, hash, random, p2c, ewma; did you mean least_conn?");
        assertOnly(valid().replace("  web:\n", "  web:\n    balance: hash\n"), 4, "services.web.hash_key",
                "required with balance: hash");
        assertOnly(valid().replace("  web:\n", "  web:\n    balance: p2c\n    hash_key: uri\n"), 6, "services.web.hash_key",
                "only applies to balance: hash, not p2c");
        assertOnly(valid().replace("  web:\n", "  web:\n    balance: hash\n    hash_key: path\n"), 6, "services.web.hash_key",
                "unknown hash key 'path'; valid: uri, header:NAME, cookie:NAME, query:NAME");
    }

    @Test
    void retryTriesAndInheritedServerDefaults() throws IOException {
        assertOnly(valid().replace("  web:\n", "  web:\n    retry:\n      tries: 0\n"), 6, "services.web.retry.tries",
                "must be at least 1, got 0");
        assertOnly(valid().replace("  web:\n", "  web:\n    fail_timeout: 0s\n"), 5, "services.web.fail_timeout",
                "must be positive, got 0s");
    }

    @Test
    void missingRequiredKeys() throws IOException {
        assertOnly(valid().replace("  - address: 127.0.0.1:8080", "  - routes: [{service: web}]"),
                2, "listeners[0].address", "required key is missing");
        assertOnly(valid().replace("    servers: [127.0.0.1:9001]\n", ""), 4, "services.web",
                "needs servers (the addresses it sends to) or run (a command Shoal starts as replicas)");
        assertOnly(valid().replace("    servers: [127.0.0.1:9001]\n", "    servers: []\n"), 5, "services.web.servers",
                "at least one server is required");
        assertOnly("services: {web: {servers: [127.0.0.1:1]}}\n", 1, "listeners", "at least one listener is required");
    }

    @Test
    void routeMatchesAndStickyCookie() throws IOException {
        String routed = "  - address: 127.0.0.1:8080\n    routes:\n      - service: web\n";
        assertOnly(valid().replace("  - address: 127.0.0.1:8080\n", routed.replace("- service", "- host: 'a.com:80'\n        service")),
                4, "listeners[0].routes[0].host", "expected a host name without port or scheme, got 'a.com:80'");
        assertOnly(valid().replace("  - address: 127.0.0.1:8080\n", routed + "        headers: {'Bad Name': x}\n"),
                5, "listeners[0].routes[0].headers.Bad Name", "not a valid header name");
        assertOnly(valid().replace("  - address: 127.0.0.1:8080\n", routed + "        split: [{service: web}]\n"),
                5, "listeners[0].routes[0].split", "a route has either service or split, not both");
        assertOnly(valid().replace("  web:\n", "  web:\n    sticky: {cookie: 'a;b'}\n"),
                5, "services.web.sticky.cookie", "not a valid cookie name: 'a;b'");
        assertOnly(valid().replace("  web:\n", "  web:\n    connect_timeout:\n"),
                5, "services.web.connect_timeout", "missing value");
    }

    @Test
    void routesAreRequiredWithSeveralServices() throws IOException {
        assertOnly(valid() + "  api:\n    servers: [127.0.0.1:9002]\n", 2, "listeners[0].routes",
                "at least one route is required");
    }

    @Test
    void everyProblemIsReportedInLineOrder() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> YamlConfigLoader.parse("""
                listeners:
                  - address: 127.0.0.1:8080
                    routes:
                      - service: nope
                services:
                  web:
                    balance: fastest
                    servers:
                      - 127.0.0.1:99999
                      - {address: 127.0.0.1:9002, wieght: 2}
                    queue: {size: -1}
                """, "shoal.yaml"));

        assertThat(e.problems()).extracting(ConfigProblem::line, ConfigProblem::key).containsExactly(
                org.assertj.core.groups.Tuple.tuple(4, "listeners[0].routes[0].service"),
                org.assertj.core.groups.Tuple.tuple(7, "services.web.balance"),
                org.assertj.core.groups.Tuple.tuple(9, "services.web.servers[0]"),
                org.assertj.core.groups.Tuple.tuple(10, "services.web.servers[1].wieght"),
                org.assertj.core.groups.Tuple.tuple(11, "services.web.queue.size"));
        assertThat(e.problems().get(3).message()).isEqualTo("unknown key; did you mean weight?");
    }

    @Test
    void itemsAfterOneThatCouldNotBeReadAreStillNamedByTheirPosition() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> YamlConfigLoader.parse("""
                listeners:
                  - {routes: [{service: web}]}
                  - address: 127.0.0.1:8080
                    routes:
                      - {path: /a, service: web, strip_prefix: maybe}
                      - {path: b, service: web}
                services:
                  web:
                    servers:
                      - 127.0.0.1
                      - {address: 127.0.0.1:9002, weight: 0}
                """, "shoal.yaml"));

        assertThat(e.problems()).extracting(ConfigProblem::toString).containsExactly(
                "shoal.yaml:2: listeners[0].address: required key is missing",
                "shoal.yaml:5: listeners[1].routes[0].strip_prefix: expected true or false, got 'maybe'",
                "shoal.yaml:6: listeners[1].routes[1].path: must start with /, got 'b'",
                "shoal.yaml:10: services.web.servers[0]: missing port in '127.0.0.1', e.g. 127.0.0.1:9001",
                "shoal.yaml:11: services.web.servers[1].weight: must be between 1 and 1000, got 0");
    }

    @Test
    void aServiceThatCannotBeReadIsNotAlsoReportedAsUnknown() throws IOException {
        String yaml = "listeners: [{address: ':80', routes: [{service: web}]}]\nservices:\n  web: 3\n";

        assertOnly(yaml, 3, "services.web", "expected a mapping, got '3'");
    }

    @Test
    void emptyAndNonMappingDocuments() throws IOException {
        assertThat(problems("")).extracting(ConfigProblem::key).containsExactly("listeners", "services");
        assertOnly("- a\n- b\n", 1, "(document)", "expected a mapping, got a list");
        assertOnly(valid() + "---\nproxy: {}\n", 7, "(document)", "only one YAML document is allowed");
    }

    /** A small valid file; tests break it in one place. Line 5 is the first line inside {@code web}. */
    private static String valid() {
        return """
                listeners:
                  - address: 127.0.0.1:8080
                services:
                  web:
                    servers: [127.0.0.1:9001]
                """;
    }

    private void assertOnly(String yaml, int line, String key, String messageStart) throws IOException {
        List<ConfigProblem> problems = problems(yaml);
        assertThat(problems).as("problems in\n%s", yaml).hasSize(1);
        assertThat(problems.get(0).line()).as("line of %s", problems.get(0)).isEqualTo(line);
        assertThat(problems.get(0).key()).as("key of %s", problems.get(0)).isEqualTo(key);
        assertThat(problems.get(0).message()).startsWith(messageStart);
    }

    private List<ConfigProblem> problems(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("shoal.yaml"), yaml);
        return catchThrowableOfType(ConfigException.class, () -> YamlConfigLoader.load(file)).problems();
    }
}
