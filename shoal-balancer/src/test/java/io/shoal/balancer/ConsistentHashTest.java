package io.shoal.balancer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConsistentHashTest {

    private final TestContext context = new TestContext();

    private static List<TestTarget> servers(String prefix, int... weights) {
        List<TestTarget> servers = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            servers.add(new TestTarget(prefix + "10.0.0." + (i + 1) + ":8080", weights[i]));
        }
        return servers;
    }

    private static ConsistentHash<TestTarget> ring(List<TestTarget> servers) {
        return new ConsistentHash<>(servers, t -> t.name);
    }

    private String owner(ConsistentHash<TestTarget> ring, String key) {
        TestTarget target = ring.pick(context.key(Hashing.hash(key)));
        return target == null ? null : target.name;
    }

    private Map<String, String> owners(ConsistentHash<TestTarget> ring, List<String> keys) {
        Map<String, String> owners = new HashMap<>();
        for (String key : keys) {
            owners.put(key, owner(ring, key));
        }
        return owners;
    }

    private static List<String> keys(long seed, int count) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            keys.add("/item/" + seed + "/" + i);
        }
        return keys;
    }

    @Test
    void sameKeySameTargetWhateverTheListOrder() {
        List<TestTarget> servers = servers("", 1, 2, 1, 3);
        var ring = ring(servers);
        List<TestTarget> reversed = new ArrayList<>(servers);
        java.util.Collections.reverse(reversed);
        List<String> keys = keys(0, 10_000);
        assertThat(owners(ring(reversed), keys)).isEqualTo(owners(ring, keys)).isEqualTo(owners(ring, keys));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void removingOneOfFourMovesOnlyItsKeys(long seed) {
        List<TestTarget> servers = servers("s" + seed + "-", 1, 1, 1, 1);
        List<String> keys = keys(seed, 10_000);
        Map<String, String> before = owners(ring(servers), keys);
        TestTarget removed = servers.remove((int) (seed % 4));
        Map<String, String> after = owners(ring(servers), keys);
        int stayed = 0;
        for (String key : keys) {
            if (!before.get(key).equals(removed.name)) {
                assertThat(after.get(key)).as(key).isEqualTo(before.get(key));
            }
            stayed += before.get(key).equals(after.get(key)) ? 1 : 0;
        }
        assertThat(stayed).isBetween(7_000, 8_000);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void addingATargetTakesKeysOnlyForItself(long seed) {
        List<TestTarget> servers = servers("s" + seed + "-", 1, 1, 1, 1, 1);
        List<String> keys = keys(seed, 10_000);
        Map<String, String> before = owners(ring(servers.subList(0, 4)), keys);
        Map<String, String> after = owners(ring(servers), keys);
        int moved = 0;
        for (String key : keys) {
            if (!after.get(key).equals(before.get(key))) {
                assertThat(after.get(key)).isEqualTo(servers.get(4).name);
                moved++;
            }
        }
        assertThat(moved).isBetween(1_300, 2_700);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void sharesFollowWeights(long seed) {
        List<TestTarget> servers = servers("s" + seed + "-", 1, 1, 2, 4);
        var ring = ring(servers);
        Map<String, Integer> counts = new HashMap<>();
        for (String key : keys(seed, 80_000)) {
            counts.merge(owner(ring, key), 1, Integer::sum);
        }
        assertThat(counts.get(servers.get(0).name)).isBetween(7_000, 13_000);
        assertThat(counts.get(servers.get(1).name)).isBetween(7_000, 13_000);
        assertThat(counts.get(servers.get(2).name)).isBetween(16_000, 24_000);
        assertThat(counts.get(servers.get(3).name)).isBetween(34_000, 46_000);
    }

    @Test
    void unavailableOwnerFallsBackStablyAndSpreads() {
        List<TestTarget> servers = servers("", 1, 1, 1, 1);
        var ring = ring(servers);
        List<String> keys = keys(0, 10_000);
        Map<String, String> healthy = owners(ring, keys);
        TestTarget down = servers.get(1).available(false);
        Map<String, String> degraded = owners(ring, keys);
        Set<String> fallbacks = new HashSet<>();
        for (String key : keys) {
            if (healthy.get(key).equals(down.name)) {
                assertThat(degraded.get(key)).isNotEqualTo(down.name).isEqualTo(owner(ring, key));
                fallbacks.add(degraded.get(key));
            } else {
                assertThat(degraded.get(key)).isEqualTo(healthy.get(key));
            }
        }
        assertThat(fallbacks).hasSize(3);
        down.available(true);
        assertThat(owners(ring, keys)).isEqualTo(healthy);
    }

    @Test
    void excludedOwnerGoesToNextDistinctTarget() {
        List<TestTarget> servers = servers("", 1, 1, 1);
        var ring = ring(servers);
        context.key(Hashing.hash("/cart"));
        TestTarget first = ring.pick(context);
        context.exclude(first);
        TestTarget second = ring.pick(context);
        assertThat(second).isNotNull().isNotSameAs(first);
        context.exclude(first, second);
        TestTarget third = ring.pick(context);
        assertThat(third).isNotNull().isNotIn(first, second);
        context.exclude(first, second, third);
        assertThat(ring.pick(context)).isNull();
        context.exclude();
        assertThat(Picks.sequence(ring, context, 3)).isEqualTo(String.join(" ", first.name, first.name, first.name));
    }

    @Test
    void emptyAndAllDown() {
        assertThat(ring(List.of()).pick(context)).isNull();
        List<TestTarget> servers = servers("", 1, 1);
        servers.forEach(s -> s.available(false));
        assertThat(ring(servers).pick(context)).isNull();
    }

    @Test
    void ringSize() {
        assertThat(ring(servers("", 1, 2, 3)).pointCount()).isEqualTo(6 * 160);
        int[] heavy = new int[20];
        java.util.Arrays.fill(heavy, 1000);
        assertThat(ring(servers("", heavy)).pointCount()).isEqualTo(20_000 * 8);
    }

    @Test
    void rejectsDuplicateNodeKeys() {
        List<TestTarget> twins = List.of(new TestTarget("x", 1), new TestTarget("x", 1));
        assertThatThrownBy(() -> ring(twins)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void ipHashSpreadsClientAddresses(long seed) {
        List<TestTarget> servers = servers("s" + seed + "-", 1, 1, 1, 1);
        var ring = LoadBalancers.consistentHash(servers);
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Integer> counts = new HashMap<>();
        byte[] ip = {(byte) 192, (byte) 168, 0, 0};
        for (int i = 0; i < 40_000; i++) {
            ip[2] = (byte) random.nextInt(256);
            ip[3] = (byte) random.nextInt(256);
            counts.merge(ring.pick(context.key(Hashing.hash(ip))).name, 1, Integer::sum);
        }
        assertThat(counts.values()).allSatisfy(c -> assertThat(c).isBetween(7_000, 13_000));
    }
}
