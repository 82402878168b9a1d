package io.shoal.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LoadBalancersTest {

    static Stream<Arguments> factories() {
        return Stream.of(
                Arguments.of("round_robin", (Function<List<TestTarget>, LoadBalancer<TestTarget>>) LoadBalancers::roundRobin,
                        SmoothWeightedRoundRobin.class),
                Arguments.of("least_conn", (Function<List<TestTarget>, LoadBalancer<TestTarget>>) LoadBalancers::leastConn,
                        LeastConnections.class),
                Arguments.of("hash", (Function<List<TestTarget>, LoadBalancer<TestTarget>>) LoadBalancers::consistentHash,
                        ConsistentHash.class),
                Arguments.of("random", (Function<List<TestTarget>, LoadBalancer<TestTarget>>) LoadBalancers::random,
                        WeightedRandom.class),
                Arguments.of("p2c", (Function<List<TestTarget>, LoadBalancer<TestTarget>>) LoadBalancers::p2c,
                        PowerOfTwoChoices.class),
                Arguments.of("ewma", (Function<List<TestTarget>, LoadBalancer<TestTarget>>) LoadBalancers::ewma,
                        PeakEwmaBalancer.class),
                Arguments.of("backup", (Function<List<TestTarget>, LoadBalancer<TestTarget>>) targets ->
                        LoadBalancers.withBackups(LoadBalancers.roundRobin(targets), LoadBalancers.roundRobin(List.of())),
                        WithBackups.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("factories")
    void emptyListPicksNull(String name, Function<List<TestTarget>, LoadBalancer<TestTarget>> factory, Class<?> type) {
        LoadBalancer<TestTarget> balancer = factory.apply(List.of());
        assertThat(balancer).isInstanceOf(type);
        assertThat(balancer.targets()).isEmpty();
        assertThat(balancer.pick(new TestContext())).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("factories")
    void onlyUsableTargetsArePicked(String name, Function<List<TestTarget>, LoadBalancer<TestTarget>> factory, Class<?> type) {
        List<TestTarget> targets = TestTarget.weighted(3, 1, 2, 5);
        LoadBalancer<TestTarget> balancer = factory.apply(targets);
        assertThat(balancer.targets()).containsExactlyElementsOf(targets);
        targets.get(0).available(false);
        targets.get(3).available(false);
        TestContext context = new TestContext().exclude(targets.get(1));
        for (int i = 0; i < 1000; i++) {
            context.keyHash = i;
            assertThat(balancer.pick(context)).isSameAs(targets.get(2));
        }
        targets.get(2).available(false);
        assertThat(balancer.pick(context)).isNull();
    }
}
