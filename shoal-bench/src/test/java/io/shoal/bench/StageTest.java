package io.shoal.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Stages are written as k6 writes them, with durations as everywhere else in Shoal, and printed back the same way. */
class StageTest {
    @Test
    void stagesParseAndPrintBack() {
        assertThat(Stage.parseList("30s:100, 1m:500,30s:0")).containsExactly(
                new Stage(Duration.ofSeconds(30), 100), new Stage(Duration.ofMinutes(1), 500), new Stage(Duration.ofSeconds(30), 0));
        assertThat(Stage.parseList("90s:2.5").get(0)).hasToString("90s:2.5");
        assertThat(Stage.parseList("1500ms:3").get(0)).hasToString("1500ms:3");
        assertThatThrownBy(() -> Stage.parseList("30s")).hasMessageContaining("DURATION:TARGET");
        assertThatThrownBy(() -> Stage.parseList("30s:-1")).hasMessageContaining(">= 0");
        assertThatThrownBy(() -> Stage.parseList("0s:10")).hasMessageContaining("positive");
        assertThatThrownBy(() -> Stage.parseList("30:10")).hasMessageContaining("'30' has no unit; write e.g. 30s");
    }
}
