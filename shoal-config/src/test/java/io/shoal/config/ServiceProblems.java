package io.shoal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.shoal.config.ConfigException.ConfigProblem;
import java.util.List;

/** The problems found in a file made of a fixed head (a listener, service {@code web}) and a service's body. */
final class ServiceProblems {
    /** Lines 1-3: a listener and service {@code web}; the body starts at line 4. */
    static final String WEB = "listeners: [{address: ':8080'}]\nservices:\n  web:\n";
    /** Lines 1-4: as {@link #WEB}, with one server; the body starts at line 5. */
    static final String WEB_WITH_SERVER = WEB + "    servers: [127.0.0.1:9001]\n";

    private ServiceProblems() {}

    static List<ConfigProblem> of(String head, String serviceLines) {
        String yaml = head + serviceLines;
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> YamlConfigLoader.parse(yaml, "shoal.yaml"));
        assertThat(e).as("a ConfigException for\n%s", yaml).isNotNull();
        return e.problems();
    }

    /** Exactly one problem, at {@code line} and {@code key}, whose message starts with {@code messageStart}. */
    static void assertOnly(String head, String serviceLines, int line, String key, String messageStart) {
        List<ConfigProblem> problems = of(head, serviceLines);
        assertThat(problems).as("problems in\n%s", serviceLines).hasSize(1);
        assertThat(problems.get(0).line()).as("line of %s", problems.get(0)).isEqualTo(line);
        assertThat(problems.get(0).key()).as("key of %s", problems.get(0)).isEqualTo(key);
        assertThat(problems.get(0).message()).startsWith(messageStart);
    }
}
