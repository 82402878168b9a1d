package io.shoal.bench.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.bench.Stage;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Durations and stages are parsed as k6 and wrk users write them, and printed back the same way. */
class DurationsTest {
    @Test
    void parsesUnitsAndCompounds() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("10")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Durations.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
        assertThatThrownBy(() -> Durations.parse("10 parsecs")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> Durations.parse("")).hasMessageContaining("not a duration");
    }

    @Test
    void formatsShortly() {
        assertThat(Durations.format(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(Durations.format(Duration.ofSeconds(10))).isEqualTo("10s");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(Durations.format(Duration.ofMinutes(2))).isEqualTo("2m");
        assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
    }

    @Test
    void stagesParseAndPrintBack() {
        assertThat(Stage.parseList("30s:100, 1m:500,30s:0")).containsExactly(
                new Stage(Duration.ofSeconds(30), 100), new Stage(Duration.ofMinutes(1), 500), new Stage(Duration.ofSeconds(30), 0));
        assertThat(Stage.parseList("1m30s:2.5").get(0)).hasToString("1m30s:2.5");
        assertThatThrownBy(() -> Stage.parseList("30s")).hasMessageContaining("DURATION:TARGET");
        assertThatThrownBy(() -> Stage.parseList("30s:-1")).hasMessageContaining(">= 0");
        assertThatThrownBy(() -> Stage.parseList("0s:10")).hasMessageContaining("positive");
    }
}
