package io.shoal.bench.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shoal.bench.Stage;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The ramp's values and its arrival schedule agree with the integral of the rate, stage by stage. */
class RampTest {
    private static final Ramp K6_EXAMPLE = Ramp.of(0, Stage.parseList("30s:100,1m:500,30s:0"));

    @Test
    void valuesMoveLinearlyBetweenTargets() {
        assertThat(K6_EXAMPLE.valueAt(0)).isZero();
        assertThat(K6_EXAMPLE.valueAt(15)).isCloseTo(50, within(1e-9));
        assertThat(K6_EXAMPLE.valueAt(30)).isCloseTo(100, within(1e-9));
        assertThat(K6_EXAMPLE.valueAt(60)).isCloseTo(300, within(1e-9));
        assertThat(K6_EXAMPLE.valueAt(105)).isCloseTo(250, within(1e-9));
        assertThat(K6_EXAMPLE.valueAt(500)).isZero();
        assertThat(K6_EXAMPLE.lengthSeconds()).isEqualTo(120);
    }

    @Test
    void eventsAddUpToTheAreaUnderTheRate() {
        // 30 s ramp to 100: 1,500; 1 min from 100 to 500: 18,000; 30 s down to 0: 7,500.
        assertThat(K6_EXAMPLE.eventsBefore(30)).isEqualTo(1_500);
        assertThat(K6_EXAMPLE.eventsBefore(90)).isEqualTo(19_500);
        assertThat(K6_EXAMPLE.eventsBefore(120)).isEqualTo(27_000);
        assertThat(K6_EXAMPLE.eventsBefore(1_000)).isEqualTo(27_000);
        assertThat(K6_EXAMPLE.timeOfEvent(27_000)).isInfinite();
    }

    @Test
    void aConstantRateSpacesEventsEvenlyForever() {
        Ramp ramp = Ramp.constant(200);
        assertThat(ramp.timeOfEvent(0)).isZero();
        assertThat(ramp.timeOfEvent(1)).isCloseTo(0.005, within(1e-12));
        assertThat(ramp.timeOfEvent(1_000_000)).isCloseTo(5_000, within(1e-6));
        assertThat(ramp.eventsBefore(10)).isEqualTo(2_000);
        assertThat(ramp.lengthSeconds()).isInfinite();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void timeOfEventInvertsEventsBefore(long seed) {
        Random random = new Random(seed);
        Ramp ramp = Ramp.of(random.nextInt(50), List.of(
                new Stage(java.time.Duration.ofMillis(1 + random.nextInt(5000)), random.nextInt(1000)),
                new Stage(java.time.Duration.ofMillis(1 + random.nextInt(5000)), random.nextInt(1000)),
                new Stage(java.time.Duration.ofMillis(1 + random.nextInt(5000)), 0)));
        for (int i = 0; i < 200; i++) {
            long k = random.nextInt((int) Math.max(1, ramp.eventsBefore(ramp.lengthSeconds())));
            double t = ramp.timeOfEvent(k);
            // event k is due at t: exactly k events come strictly before it, and it is among those before t + 1 ms
            assertThat(ramp.eventsBefore(t)).as("event %d at %f", k, t).isBetween(k - 1, k);
            assertThat(ramp.eventsBefore(t + 0.001)).isGreaterThan(k);
        }
    }
}
