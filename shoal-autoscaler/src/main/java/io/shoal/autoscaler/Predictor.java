package io.shoal.autoscaler;

import io.shoal.config.AutoscaleConfig;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayDeque;

/**
 * Predictive scaling for one service: learns its request rate per hour of the week ({@link SeasonalHistory})
 * and forecasts the rate one lead time ahead, the configured {@code scheduling_buffer} or else the
 * replicas' measured start-up time, so that replicas started now are ready when the load comes. The
 * forecast becomes a floor of the same {@link ScalingDecider} every other input goes through, with the
 * {@code rps} target turning requests per second into replicas. Not thread-safe: the autoscaler's thread owns it.
 */
final class Predictor {
    private static final int STARTUPS_KEPT = 10;

    private final String service;
    private final AutoscaleConfig.Predictive settings;
    private final double rpsTarget;
    private final SeasonalHistory history;
    private final ArrayDeque<Long> startupMillis = new ArrayDeque<>();

    Predictor(String service, AutoscaleConfig config, SeasonalHistory history) {
        this.service = service;
        this.settings = config.predictive();
        this.rpsTarget = config.targets().stream().filter(t -> t.metric() == AutoscaleConfig.Metric.RPS)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("predictive scaling needs an rps target"))
                .value();
        this.history = history;
    }

    /** What the service served over the last {@code seconds}, up to {@code time}. */
    void observe(LocalDateTime time, long atMillis, double requests, double seconds) {
        history.observe(service, time, atMillis, requests, seconds);
    }

    /** A replica's time from start to ready, as measured; the recent ones set the lead. */
    void startedIn(long millis) {
        if (startupMillis.size() == STARTUPS_KEPT) {
            startupMillis.pollFirst();
        }
        startupMillis.addLast(millis);
    }

    /** How far ahead the forecast looks: the buffer, or the slowest recent start-up (0 before any). */
    Duration lead() {
        if (!settings.schedulingBuffer().isZero()) {
            return settings.schedulingBuffer();
        }
        return Duration.ofMillis(startupMillis.stream().mapToLong(Long::longValue).max().orElse(0));
    }

    Forecast forecast(LocalDateTime now) {
        Duration lead = lead();
        double rps = history.rate(service, now.plus(lead));
        int replicas = Double.isNaN(rps) ? 0 : (int) Math.ceil(rps / rpsTarget);
        return new Forecast(rps, replicas, lead.toMillis(), settings.scales());
    }
}
