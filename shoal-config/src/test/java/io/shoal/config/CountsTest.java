package io.shoal.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CountsTest {
    @Test
    void oneIsSingularEveryOtherCountPlural() {
        assertThat(Counts.of(1, "check")).isEqualTo("1 check");
        assertThat(Counts.of(0, "check")).isEqualTo("0 checks");
        assertThat(Counts.of(3, "check")).isEqualTo("3 checks");
        assertThat(Counts.of(1500, "request")).isEqualTo("1,500 requests");
        assertThat(Counts.of(1, "try", "tries")).isEqualTo("1 try");
        assertThat(Counts.of(2, "process", "processes")).isEqualTo("2 processes");
    }
}
