package io.shoal.balancer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * nginx's {@code backup} servers: requests go to the primary balancer, and to the backup balancer only
 * when the primary has no usable target for this request (all unavailable, or all already tried).
 *
 * <p>Thread-safe when both balancers are; adds no lock and no allocation to a pick.
 */
public final class WithBackups<T extends Target> implements LoadBalancer<T> {

    private final LoadBalancer<T> primary;
    private final LoadBalancer<T> backup;
    private final List<T> targets;

    public WithBackups(LoadBalancer<T> primary, LoadBalancer<T> backup) {
        this.primary = Objects.requireNonNull(primary, "primary");
        this.backup = Objects.requireNonNull(backup, "backup");
        List<T> all = new ArrayList<>(primary.targets());
        all.addAll(backup.targets());
        this.targets = Collections.unmodifiableList(all);
    }

    @Override
    public T pick(PickContext context) {
        T target = primary.pick(context);
        return target != null ? target : backup.pick(context);
    }

    /** The primary targets, then the backups. */
    @Override
    public List<T> targets() {
        return targets;
    }

    public LoadBalancer<T> primary() {
        return primary;
    }

    public LoadBalancer<T> backup() {
        return backup;
    }
}
