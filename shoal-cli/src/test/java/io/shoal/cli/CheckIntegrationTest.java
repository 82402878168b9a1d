package io.shoal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shoal.config.AdminConfig;
import io.shoal.config.Defaults;
import io.shoal.config.EffectiveConfig;
import io.shoal.config.ShoalConfig;
import io.shoal.config.Values;
import io.shoal.config.YamlConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code shoal check} on every example and every whole configuration of the docs prints a configuration that
 * loads back into the same one (every setting written, under the key the docs name, in a form the loader
 * reads), and on a broken file prints every problem with file and line.
 */
class CheckIntegrationTest {
    private static final Path ROOT = Path.of("..");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);
    /** A block of the docs is a whole configuration when it has listeners at top level; fragments have none. */
    private static final Pattern WHOLE_CONFIG = Pattern.compile("^listeners:", Pattern.MULTILINE);

    /** A configuration's text and where it was found, e.g. {@code docs/configuration.md:33}. */
    record Source(String name, String text) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Source> configs() throws IOException {
        List<Source> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(ROOT.resolve("examples"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".yaml") && !f.toString().contains("/target/")).toList()) {
                found.add(new Source(ROOT.relativize(p).toString(), Files.readString(p)));
            }
        }
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            for (Path doc : docs.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                found.addAll(wholeConfigs("docs/" + doc.getFileName(), Files.readString(doc)));
            }
        }
        found.addAll(wholeConfigs("README.md", Files.readString(ROOT.resolve("README.md"))));
        return found;
    }

    private static List<Source> wholeConfigs(String name, String markdown) {
        List<Source> found = new ArrayList<>();
        Matcher block = YAML_BLOCK.matcher(markdown);
        while (block.find()) {
            if (WHOLE_CONFIG.matcher(block.group(1)).find()) {
                long line = markdown.substring(0, block.start()).lines().count() + 1;
                found.add(new Source(name + ":" + line, block.group(1)));
            }
        }
        return found;
    }

    @Test
    void findsTheExampleAndTheDocsConfigurations() throws IOException {
        assertThat(configs()).extracting(Source::name) // file:line, the lines move as the docs grow
                .contains("examples/demo/shoal.yaml").hasSizeGreaterThan(10)
                .anyMatch(name -> name.startsWith("README.md:")).anyMatch(name -> name.startsWith("docs/replicas.md:"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void printsTheEffectiveConfiguration(Source source, @TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("shoal.yaml"), source.text());

        Cli check = Cli.run(dir, TIMEOUT, "check", "-f", "shoal.yaml");

        assertThat(check.exit()).as(check.toString()).isZero();
        assertThat(check.stderr()).contains("shoal: shoal.yaml is valid");
        ShoalConfig written = YamlConfigLoader.parse(source.text(), "shoal.yaml");
        assertThat(YamlConfigLoader.parse(check.stdout(), "shoal.yaml")).as(check.stdout()).isEqualTo(withTokenHidden(written));
    }

    @Test
    void printsTheDefaultsAFileLeavesOut(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("shoal.yaml"), String.join("\n",
                "listeners: [{address: \"127.0.0.1:8080\", routes: [{service: web}]}]",
                "services:",
                "  web:",
                "    servers: [127.0.0.1:9001]",
                "admin: {token: s3cret-s3cret-s3cret}",
                ""));

        Cli check = Cli.run(dir, TIMEOUT, "check");

        assertThat(check.exit()).as(check.toString()).isZero();
        assertThat(check.stdout()).contains("client_header_timeout: " + Values.formatDuration(Defaults.CLIENT_HEADER_TIMEOUT), "connect_timeout: ", "max_fails: ",
                "fail_timeout: ", "balance: round_robin", "token: " + EffectiveConfig.HIDDEN_TOKEN).doesNotContain("s3cret");
    }

    @Test
    void printsEveryProblemWithFileAndLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("broken.yaml"), String.join("\n",
                "listeners: [{address: \"127.0.0.1:8080\", routes: [{service: web}]}]",
                "services:",
                "  web:",
                "    balance: round_robbin",
                "    servers:",
                "      - address: 127.0.0.1:9001",
                "        weight: 0",
                ""));

        Cli check = Cli.run(dir, TIMEOUT, "check", "-f", "broken.yaml");

        assertThat(check.exit()).as(check.toString()).isEqualTo(2);
        assertThat(check.stderr()).contains("broken.yaml:4: services.web.balance: ",
                "broken.yaml:7: services.web.servers[0].weight: ");
        assertThat(check.stdout()).isEmpty();
    }

    /** The token is printed hidden, so it loads back as that placeholder. */
    private static ShoalConfig withTokenHidden(ShoalConfig c) {
        AdminConfig a = c.admin();
        if (a.token() == null) {
            return c;
        }
        AdminConfig hidden = new AdminConfig(a.listen(), EffectiveConfig.HIDDEN_TOKEN, a.tokenFile(), a.allow(), a.allowedHosts());
        return new ShoalConfig(c.source(), c.proxy(), c.listeners(), c.services(), c.accessLog(), hidden, c.tuning());
    }
}
