package io.shoal.balancer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PeakEwmaTest {

    private static final long MS = 1_000_000L;
    private static final long TAU = 10_000 * MS;
    private static final long T0 = 123_456_789L;

    @Test
    void zeroBeforeAnySample() {
        assertThat(new PeakEwma().value(T0)).isZero();
    }

    @Test
    void firstSampleIsTheEstimate() {
        PeakEwma ewma = new PeakEwma();
        ewma.observe(100 * MS, T0);
        assertThat(ewma.value(T0)).isEqualTo(100.0 * MS);
    }

    @Test
    void peakReplacesAtOnce() {
        PeakEwma ewma = new PeakEwma();
        ewma.observe(50 * MS, T0);
        ewma.observe(200 * MS, T0 + MS);
        assertThat(ewma.value(T0 + MS)).isEqualTo(200.0 * MS);
    }

    @Test
    void decaysTowardZeroWithTau() {
        PeakEwma ewma = new PeakEwma();
        ewma.observe(100 * MS, T0);
        assertThat(ewma.value(T0 + TAU)).isCloseTo(100.0 * MS / Math.E, within(1.0));
        assertThat(ewma.value(T0 + 2 * TAU)).isCloseTo(100.0 * MS / Math.E / Math.E, within(1.0));
        assertThat(ewma.value(T0 - 5)).as("clock went backwards").isEqualTo(100.0 * MS);
    }

    @Test
    void lowerSampleIsWeightedByElapsedTime() {
        PeakEwma ewma = new PeakEwma();
        ewma.observe(100 * MS, T0);
        long halfLife = Math.round(TAU * Math.log(2));
        ewma.observe(40 * MS, T0 + halfLife); // value 50 ms by then; w = 1/2
        assertThat(ewma.value(T0 + halfLife)).isCloseTo(45.0 * MS, within(10.0));
        ewma.observe(10 * MS, T0 + halfLife);
        assertThat(ewma.value(T0 + halfLife)).as("no time passed: no weight").isCloseTo(45.0 * MS, within(10.0));
        ewma.observe(30 * MS, T0 + 2 * halfLife); // value 22.5 ms by then: a peak
        assertThat(ewma.value(T0 + 2 * halfLife)).isEqualTo(30.0 * MS);
    }

    @Test
    void customDecayTime() {
        PeakEwma ewma = new PeakEwma(Duration.ofSeconds(1));
        ewma.observe(100 * MS, T0);
        assertThat(ewma.value(T0 + 1000 * MS)).isCloseTo(100.0 * MS / Math.E, within(1.0));
        assertThatThrownBy(() -> new PeakEwma(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void sampleReplacesOrIsBlendedWithTheCurrentValue(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        PeakEwma ewma = new PeakEwma();
        long now = random.nextLong();
        long max = 0;
        for (int i = 0; i < 2000; i++) {
            now += random.nextLong(5 * TAU);
            long rtt = random.nextLong(1, 1000 * MS);
            double before = ewma.value(now);
            ewma.observe(rtt, now);
            double after = ewma.value(now);
            max = Math.max(max, rtt);
            if (rtt > before) {
                assertThat(after).isEqualTo(rtt);
            } else {
                assertThat(after).isBetween((double) rtt, before);
            }
            assertThat(after).isLessThanOrEqualTo(max);
        }
    }

    @Test
    void concurrentObserversLoseNoPeakAndStayInRange() throws InterruptedException {
        PeakEwma ewma = new PeakEwma();
        AtomicLong clock = new AtomicLong(T0);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            long seed = t;
            Thread thread = new Thread(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                for (int i = 0; i < 50_000; i++) {
                    ewma.observe(random.nextLong(MS, 5 * MS), clock.addAndGet(1000));
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double value = ewma.value(clock.get());
        assertThat(value).isBetween(0.99 * MS, 5.0 * MS);
        ewma.observe(9 * MS, clock.get());
        assertThat(ewma.value(clock.get())).isEqualTo(9.0 * MS);
    }
}
