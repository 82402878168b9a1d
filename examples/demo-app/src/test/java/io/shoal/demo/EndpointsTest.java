package io.shoal.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EndpointsTest {

    @Test
    void millisFromQuery() {
        assertThat(Endpoints.millis(null)).isEqualTo(Endpoints.DEFAULT_MILLIS);
        assertThat(Endpoints.millis("")).isEqualTo(Endpoints.DEFAULT_MILLIS);
        assertThat(Endpoints.millis("ms=250")).isEqualTo(250);
        assertThat(Endpoints.millis("x=1&ms=0")).isZero();
        assertThat(Endpoints.millis("other=5")).isEqualTo(Endpoints.DEFAULT_MILLIS);
    }

    @Test
    void rejectsBadMillis() {
        assertThatThrownBy(() -> Endpoints.millis("ms=abc")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> Endpoints.millis("ms=-1")).hasMessageContaining("between 0 and 60000");
        assertThatThrownBy(() -> Endpoints.millis("ms=60001")).hasMessageContaining("between 0 and 60000");
    }

    @Test
    void cpuBurnLastsAtLeastTheRequestedTime() {
        long start = System.nanoTime();
        double result = Load.burnCpu(30);

        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(30);
        assertThat(result).isPositive();
    }
}
