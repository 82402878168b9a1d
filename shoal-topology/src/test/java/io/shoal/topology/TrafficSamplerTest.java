package io.shoal.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shoal.config.QuickConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Counting per server and the sampler's per-second and windowed figures, per server and per service. */
class TrafficSamplerTest {
    private static final long MS = 1_000_000;

    private final Topology topology = Topology.of(config());
    private final Service service = topology.current().service(QuickConfig.SERVICE);
    private final Server a = service.servers().get(0);
    private final Server b = service.servers().get(1);
    private final TrafficSampler sampler = new TrafficSampler(topology);

    private static io.shoal.config.ShoalConfig config() {
        try {
            return QuickConfig.builder().listen("127.0.0.1:0").backends(List.of("127.0.0.1:9001", "127.0.0.1:9002")).build();
        } catch (io.shoal.config.ConfigException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void countsStatusClassesFailuresAndBuckets() {
        a.recordResponse(200, 3 * MS, System.nanoTime());
        a.recordResponse(404, 30 * MS, System.nanoTime());
        a.recordFailedResponse(700 * MS, System.nanoTime());
        a.recordFailure(System.nanoTime());
        ServerTraffic traffic = a.traffic();
        assertThat(traffic.responses()).isEqualTo(3);
        assertThat(traffic.responses(2)).isEqualTo(1);
        assertThat(traffic.responses(4)).isEqualTo(1);
        assertThat(traffic.responses(5)).isEqualTo(1);
        assertThat(traffic.failures()).isEqualTo(1);
        // bounds .0001 .00025 .0005 .001 .0025 .005 .01 .025 .05 .1 .25 .5 1 ... 25: 3 ms from the sixth,
        // 30 ms from the ninth, 700 ms from the thirteenth
        assertThat(traffic.latency().cumulativeBuckets())
                .containsExactly(0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3);
        assertThat(traffic.latency().sumSeconds()).isCloseTo(0.733, within(1e-9));
    }

    @Test
    void samplesRatesErrorsAndPercentilesPerServerAndService() {
        for (int i = 0; i < 100; i++) {
            a.recordResponse(200, (i + 1) * MS, System.nanoTime()); // 1..100 ms
        }
        b.recordResponse(503, 1000 * MS, System.nanoTime());
        b.recordFailure(System.nanoTime());
        sampler.sample();

        TrafficFigures first = sampler.server(a, Duration.ofSeconds(1));
        assertThat(first.requests()).isEqualTo(100);
        assertThat(first.errors()).isZero();
        assertThat(first.p50Millis()).isCloseTo(50, within(1.0));
        assertThat(first.p95Millis()).isCloseTo(95, within(1.0));
        assertThat(first.p99Millis()).isCloseTo(99, within(1.0));
        assertThat(first.requestsPerSecond()).isEqualTo(100 / first.seconds());

        TrafficFigures ofB = sampler.server(b, Duration.ofSeconds(1));
        assertThat(ofB.requests()).isEqualTo(2);
        assertThat(ofB.errors()).isEqualTo(2);
        assertThat(ofB.responses()).isEqualTo(1);
        assertThat(ofB.errorRatio()).isEqualTo(1.0);

        TrafficFigures total = sampler.service(service.name(), Duration.ofSeconds(1));
        assertThat(total.requests()).isEqualTo(102);
        assertThat(total.errors()).isEqualTo(2);
        assertThat(total.p99Millis()).isCloseTo(100, within(1.0));
    }

    @Test
    void eachSampleCountsOnlyItsOwnSecondAndWindowsAddThemUp() {
        a.recordResponse(200, 10 * MS, System.nanoTime());
        sampler.sample();
        a.recordResponse(200, 20 * MS, System.nanoTime());
        a.recordResponse(200, 20 * MS, System.nanoTime());
        sampler.sample();
        sampler.sample();

        assertThat(sampler.serverHistory(a)).extracting(TrafficSecond::requests).containsExactly(1L, 2L, 0L);
        assertThat(sampler.server(a, Duration.ofSeconds(1)).requests()).isZero();
        assertThat(sampler.server(a, Duration.ofSeconds(1)).p95Millis()).isZero();
        TrafficFigures window = sampler.server(a, Duration.ofSeconds(10));
        assertThat(window.requests()).isEqualTo(3);
        assertThat(window.p50Millis()).isCloseTo(20, within(0.5));
        assertThat(sampler.serviceHistory(service.name())).hasSize(3);
    }

    @Test
    void forgetsServersThatLeftTheTopology() {
        a.recordResponse(200, MS, System.nanoTime());
        sampler.sample();
        topology.updateService(service.name(), config -> config.withServers(List.of(config.servers().get(1))));
        sampler.sample();
        assertThat(sampler.server(a, Duration.ofSeconds(10))).isEqualTo(TrafficFigures.NONE);
        assertThat(sampler.serverHistory(b)).hasSize(2);
    }
}
