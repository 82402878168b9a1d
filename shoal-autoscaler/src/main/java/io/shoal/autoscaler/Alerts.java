package io.shoal.autoscaler;

import io.shoal.config.AutoscaleConfig;
import io.shoal.config.Counts;
import io.shoal.replicas.ReplicaView;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The alerts of seed 002's HPA runbook, from one service's latest decision: at or near {@code max}
 * (90 % or more: the next spike has no room), scaling too often (more than
 * {@code alert_scaling_events_per_hour} changes within an hour: flapping), replicas that do not start.
 */
final class Alerts {
    static final double NEAR_MAX = 0.9;

    private Alerts() {}

    /** @param replicas the service's replicas now */
    static List<Alert> of(String service, AutoscaleConfig config, Decision last, int changesLastHour,
                          List<ReplicaView> replicas) {
        List<Alert> alerts = new ArrayList<>();
        if (last.desired() >= NEAR_MAX * config.max()) {
            alerts.add(new Alert(service, "near_max", String.format(Locale.ROOT,
                    "%s runs %d of at most %s (%.0f %%)%s: raise max, or make each replica do more",
                    service, last.desired(), Counts.of(config.max(), "replica"), 100.0 * last.desired() / config.max(),
                    last.raw() > config.max() ? "; the figures ask for " + last.raw() : "")));
        }
        if (changesLastHour > config.alertScalingEventsPerHour()) {
            alerts.add(new Alert(service, "frequent_scaling", service + " changed its replica count "
                    + Counts.of(changesLastHour, "time") + " within the last hour (alert above " + config.alertScalingEventsPerHour()
                    + "): a longer scale_down stabilization_window or a larger tolerance would calm it"));
        }
        List<String> failing = new ArrayList<>();
        for (ReplicaView replica : replicas) {
            if (replica.state().equals("FAILED") || replica.state().equals("BACKOFF")) {
                failing.add(replica.id() + " " + replica.state()
                        + (replica.message() == null || replica.message().isEmpty() ? "" : " (" + replica.message() + ")"));
            }
        }
        if (!failing.isEmpty()) {
            alerts.add(new Alert(service, "failing_to_start", "replicas of " + service + " failing to start: "
                    + String.join(", ", failing) + "; 'shoal logs' shows their output"));
        }
        return alerts;
    }
}
