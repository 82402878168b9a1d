package io.shoal.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Each benchmark body once, so that the build catches a broken benchmark without running JMH. */
class BenchmarksSmokeTest {

    @ParameterizedTest
    @ValueSource(strings = {"roundRobin", "leastConn", "consistentHash", "random", "p2c", "ewma", "withBackups",
            "withBackupsFailover"})
    void everyAlgorithmPicksOverEverySize(String algorithm) {
        for (int targets : new int[] {3, 30, 300}) {
            PickBenchmark benchmark = new PickBenchmark();
            benchmark.algorithm = algorithm;
            benchmark.targets = targets;
            benchmark.setUp();
            for (int i = 0; i < 100; i++) {
                assertThat(benchmark.pick()).isNotNull();
            }
        }
    }

    @Test
    void failoverGoesToTheBackups() {
        PickBenchmark benchmark = new PickBenchmark();
        benchmark.algorithm = "withBackupsFailover";
        benchmark.targets = 30;
        benchmark.setUp();
        assertThat(benchmark.pick().toString()).startsWith("10.1.0.");
    }

    @Test
    void ringsAndSchedulesBuild() {
        RingRebuildBenchmark benchmark = new RingRebuildBenchmark();
        benchmark.targets = 300;
        benchmark.setUp();
        assertThat(benchmark.consistentHashRing().targets()).hasSize(300);
        assertThat(benchmark.roundRobinSchedule().targets()).hasSize(300);
    }

    @Test
    void hashesDiffer() {
        HashingBenchmark benchmark = new HashingBenchmark();
        assertThat(benchmark.hashUri()).isNotEqualTo(benchmark.hashIpv4());
    }

    @Test
    void headersSurviveTheRoundTrip() {
        HeaderRoundTripBenchmark benchmark = new HeaderRoundTripBenchmark();
        benchmark.setUp();
        try {
            assertThat(benchmark.decode().headers().get("Host")).isEqualTo("shop.example.com");
            int plain = benchmark.roundTrip();
            assertThat(plain).isEqualTo(HeaderRoundTripBenchmark.BROWSER_REQUEST_HEAD.length());
            assertThat(benchmark.roundTripForwarded()).isGreaterThan(plain - "Connection: keep-alive\r\n".length());
        } finally {
            benchmark.tearDown();
        }
    }

    @Test
    void bothResponsePathsWriteTheHeadAndBodyWithoutTheHopByHopField() {
        io.shoal.proxy.upstream.ResponseHeadBenchmark benchmark = new io.shoal.proxy.upstream.ResponseHeadBenchmark();
        benchmark.setUp();
        try {
            int expected = io.shoal.proxy.upstream.ResponseHeadBenchmark.NGINX_RESPONSE.length() - "Connection: keep-alive\r\n".length();
            assertThat(benchmark.nettyRoundTrip()).isEqualTo(expected);
            assertThat(benchmark.passThrough()).isEqualTo(expected);
        } finally {
            benchmark.tearDown();
        }
    }
}
