package io.shoal.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {
    private static final String DEFAULT_INSTANCE = "host-123";

    private static DemoOptions parse(Map<String, String> env, String... args) {
        return DemoOptions.parse(List.of(args), env, DEFAULT_INSTANCE);
    }

    @Test
    void replicaManagerStyleEnvironment() {
        DemoOptions o = parse(Map.of("PORT", "8081", "INSTANCE_ID", "web-2"));

        assertThat(o.port()).isEqualTo(8081);
        assertThat(o.instance()).isEqualTo("web-2");
        assertThat(o.host()).isEqualTo("127.0.0.1");
        assertThat(o.maxConcurrency()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(o.startupDelay()).isZero();
        assertThat(o.failOnStart()).isFalse();
        assertThat(o.startUnhealthy()).isFalse();
        assertThat(o.shutdownGrace()).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.version()).isEqualTo("1");
    }

    @Test
    void optionsWinOverEnvironmentAndAcceptBothSpellings() {
        DemoOptions o = parse(Map.of("PORT", "8081", "MAX_CONCURRENCY", "8", "STARTUP_DELAY", "9s"),
                "--port", "0", "--host=0.0.0.0", "--max-concurrency", "3", "--startup-delay=250ms",
                "--shutdown-grace", "1m", "--fail-on-start", "--start-unhealthy", "--app-version", "v2");

        assertThat(o.port()).isZero();
        assertThat(o.host()).isEqualTo("0.0.0.0");
        assertThat(o.maxConcurrency()).isEqualTo(3);
        assertThat(o.startupDelay()).isEqualTo(Duration.ofMillis(250));
        assertThat(o.shutdownGrace()).isEqualTo(Duration.ofMinutes(1));
        assertThat(o.failOnStart()).isTrue();
        assertThat(o.startUnhealthy()).isTrue();
        assertThat(o.version()).isEqualTo("v2");
        assertThat(o.instance()).isEqualTo(DEFAULT_INSTANCE);
    }

    @Test
    void environmentFlagsAndValues() {
        DemoOptions o = parse(Map.of("PORT", "0", "FAIL_ON_START", "true", "START_UNHEALTHY", "1",
                "STARTUP_DELAY", "2s", "SHUTDOWN_GRACE", "0", "APP_VERSION", "blue"));

        assertThat(o.failOnStart()).isTrue();
        assertThat(o.startUnhealthy()).isTrue();
        assertThat(o.startupDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(o.shutdownGrace()).isZero();
        assertThat(o.version()).isEqualTo("blue");
    }

    @Test
    void portIsRequired() {
        assertThatThrownBy(() -> parse(Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--port")
                .hasMessageContaining("PORT");
    }

    @Test
    void rejectsInvalidValuesWithTheirName() {
        assertThatThrownBy(() -> parse(Map.of(), "--port", "http"))
                .hasMessageContaining("port 'http' is not a whole number");
        assertThatThrownBy(() -> parse(Map.of(), "--port", "70000")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> parse(Map.of(), "--port", "1", "--max-concurrency", "0"))
                .hasMessageContaining("--max-concurrency");
        assertThatThrownBy(() -> parse(Map.of(), "--port", "1", "--startup-delay", "2"))
                .hasMessageContaining("--startup-delay '2' is not a duration");
        assertThatThrownBy(() -> parse(Map.of(), "--port")).hasMessageContaining("--port needs a value");
        assertThatThrownBy(() -> parse(Map.of(), "--port", "1", "--verbose"))
                .hasMessageContaining("unknown argument '--verbose'");
    }
}
