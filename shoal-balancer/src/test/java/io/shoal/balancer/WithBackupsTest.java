package io.shoal.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WithBackupsTest {

    private final TestContext context = new TestContext();
    private final List<TestTarget> primaries = TestTarget.equal(2);
    private final List<TestTarget> backups = List.of(new TestTarget("x", 1), new TestTarget("y", 1));
    private final LoadBalancer<TestTarget> balancer = LoadBalancers.withBackups(
            LoadBalancers.roundRobin(primaries), LoadBalancers.roundRobin(backups));

    @Test
    void primariesWhileAnyIsUsable() {
        assertThat(Picks.sequence(balancer, context, 4)).isEqualTo("a b a b");
        primaries.get(0).available(false);
        assertThat(Picks.sequence(balancer, context, 2)).isEqualTo("b b");
    }

    @Test
    void backupsWhenNoPrimaryIsUsable() {
        primaries.get(0).available(false);
        context.exclude(primaries.get(1));
        assertThat(Picks.sequence(balancer, context, 3)).isEqualTo("x y x");
        primaries.get(0).available(true);
        assertThat(Picks.sequence(balancer, context, 2)).isEqualTo("a a");
    }

    @Test
    void nullWhenNothingAtAllIsUsable() {
        primaries.forEach(t -> t.available(false));
        backups.forEach(t -> t.available(false));
        assertThat(balancer.pick(context)).isNull();
    }

    @Test
    void targetsArePrimariesThenBackups() {
        assertThat(balancer.targets()).extracting(t -> t.name).containsExactly("a", "b", "x", "y");
    }
}
