package io.shoal.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.shoal.config.OutlierConfig;
import io.shoal.config.PanicConfig;
import io.shoal.testing.TestConfigs;
import io.shoal.topology.Server;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Envoy's outlier detection on live traffic: 4 servers, 2 of which always answer 500;
 * {@code consecutive_5xx: 3}, {@code max_ejection_percent: 25}. At most one server (25 % of 4) is
 * ejected at any moment, so the two bad ones take turns; the n-th ejection of a server lasts n times
 * {@code base_ejection_time}.
 */
class OutlierEjectionIntegrationTest {
    private static final Duration BASE = Duration.ofMillis(500);
    private static final Duration MAX = Duration.ofSeconds(5);
    private static final long WATCH_MILLIS = 5;

    /** One ejection as the watcher saw it. */
    record Ejection(Server server, int number, long startNanos, long millis) {}

    private final Resources resources = new Resources();

    @AfterEach
    void close() throws Exception {
        resources.close();
    }

    @Test
    void consecutive5xxEjectNoMoreThanTheCapAndEachEjectionLastsLonger() throws Exception {
        HealthBackend good1 = resources.track(new HealthBackend("good-1"));
        HealthBackend bad1 = resources.track(new HealthBackend("bad-1"));
        HealthBackend good2 = resources.track(new HealthBackend("good-2"));
        HealthBackend bad2 = resources.track(new HealthBackend("bad-2"));
        bad1.status = 500;
        bad2.status = 500;
        OutlierConfig outlier = new OutlierConfig(3, 0, BASE, MAX, 25);
        RunningProxy proxy = resources.track(new RunningProxy(TestConfigs.web(
                TestConfigs.health(null, outlier, PanicConfig.defaults(), Duration.ZERO),
                good1.address(), bad1.address(), good2.address(), bad2.address())));
        List<Server> servers = proxy.topology.current().service("web").servers();
        List<Server> bad = List.of(proxy.server(bad1.address()), proxy.server(bad2.address()));

        // Watches every server every 5 ms: which ejection it is in, since when, and how long each lasted.
        // An ejection that ends and is followed by the next within one look is not timed.
        List<Ejection> ended = new CopyOnWriteArrayList<>();
        AtomicInteger mostAtOnce = new AtomicInteger();
        AtomicLong longestLookGapNanos = new AtomicLong();
        ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
        resources.track(watcher::shutdownNow);
        Map<Server, Ejection> current = new HashMap<>();
        long[] lastLook = {System.nanoTime()};
        watcher.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            longestLookGapNanos.accumulateAndGet(now - lastLook[0], Math::max);
            lastLook[0] = now;
            int ejected = 0;
            for (Server server : servers) {
                boolean isEjected = server.isEjected(now);
                int number = server.ejections();
                Ejection open = current.get(server);
                if (open != null && (!isEjected || open.number() != number)) {
                    current.remove(server);
                    if (!isEjected) {
                        ended.add(new Ejection(server, open.number(), open.startNanos(),
                                (now - open.startNanos()) / 1_000_000));
                    }
                }
                if (isEjected) {
                    ejected++;
                    current.computeIfAbsent(server, s -> new Ejection(s, number, now, -1));
                }
            }
            mostAtOnce.accumulateAndGet(ejected, Math::max);
        }, 0, WATCH_MILLIS, TimeUnit.MILLISECONDS);

        LoadGenerator load = resources.track(new LoadGenerator(proxy.uri("/"), 200));
        await("a second ejection of one server, timed").atMost(Duration.ofSeconds(10))
                .until(() -> ended.stream().anyMatch(e -> e.number() >= 2));
        load.stop();
        watcher.shutdownNow();

        Map<Integer, Long> statuses = load.samples.stream()
                .collect(Collectors.groupingBy(LoadGenerator.Sample::status, Collectors.counting()));
        long gapMillis = longestLookGapNanos.get() / 1_000_000;
        System.out.printf("outlier ejection (base %d ms): %s; most ejected at once %d; statuses %s;"
                        + " longest gap between two looks %d ms%n", BASE.toMillis(),
                ended.stream().map(e -> e.server() + " #" + e.number() + " " + e.millis() + " ms").toList(),
                mostAtOnce.get(), statuses, gapMillis);

        assertThat(statuses.keySet()).containsOnly(200, 500);
        assertThat(mostAtOnce.get()).as("servers ejected at once (25 %% of 4)").isEqualTo(1);
        for (Server server : servers) {
            assertThat(server.ejections() > 0).as("%s ejected", server).isEqualTo(bad.contains(server));
        }
        // Each ejection lasts longer than the last; a look can come late by the longest gap between looks.
        for (Ejection ejection : ended) {
            long expected = Math.min(ejection.number() * BASE.toMillis(), MAX.toMillis());
            assertThat(ejection.millis()).as("ejection #%d of %s", ejection.number(), ejection.server())
                    .isBetween(expected - gapMillis - 20, expected + gapMillis + 50);
        }
        assertThat(ended.stream().map(Ejection::number)).contains(1, 2);
    }
}
