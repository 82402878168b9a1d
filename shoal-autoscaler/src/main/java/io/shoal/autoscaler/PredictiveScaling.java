package io.shoal.autoscaler;

import io.shoal.config.AutoscaleConfig;
import io.shoal.replicas.ReplicaView;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live loop's side of predictive scaling: one {@link Predictor} per service with {@code predictive},
 * fed each evaluation with what the service served and with the start-up times of its new replicas, and
 * their shared {@link SeasonalHistory}, saved to the state directory every minute and at the end so that a
 * restart keeps what was learnt. Not thread-safe: the autoscaler's thread owns it.
 */
final class PredictiveScaling {
    private static final Logger LOG = LoggerFactory.getLogger("shoal.autoscaler");
    private static final long SAVE_EVERY_MILLIS = 60_000;

    private final Path file;
    private final SeasonalHistory history;
    private final Map<String, Predictor> predictors = new LinkedHashMap<>();
    private final Set<String> starting = new HashSet<>();
    private long savedMillis;

    /** @param file where the history is kept, or null to keep it in memory only */
    PredictiveScaling(Path file, Map<String, AutoscaleConfig> autoscaled, long nowMillis) {
        this.file = file;
        SeasonalHistory loaded = new SeasonalHistory();
        if (file != null && autoscaled.values().stream().anyMatch(c -> c.predictive().enabled())) {
            try {
                loaded = SeasonalHistory.load(file);
            } catch (IOException e) {
                LOG.warn("predictive scaling starts without history: {}", e.getMessage());
            }
        }
        this.history = loaded;
        autoscaled.forEach((service, config) -> {
            if (config.predictive().enabled()) {
                predictors.put(service, new Predictor(service, config, history));
            }
        });
        this.savedMillis = nowMillis;
    }

    /**
     * Learns from this evaluation's figures and forecasts; null for a service without {@code predictive}.
     *
     * @param replicas the service's replicas now, whose first READY gives a start-up time
     */
    Forecast forecast(String service, ScalingInput input, List<ReplicaView> replicas, LocalDateTime local,
                      double seconds) {
        Predictor predictor = predictors.get(service);
        if (predictor == null) {
            return null;
        }
        for (ReplicaView replica : replicas) {
            if (replica.state().equals("STARTING")) {
                starting.add(replica.id());
            } else if (replica.state().equals("READY") && starting.remove(replica.id())) {
                predictor.startedIn(replica.uptimeMillis());
            }
        }
        double served = 0;
        for (ReplicaFigures figures : input.replicas()) {
            served += figures.values().getOrDefault(Metric.RPS, 0.0) * seconds;
        }
        predictor.observe(local, input.nowMillis(), served, seconds);
        return predictor.forecast(local);
    }

    void saveIfDue(long nowMillis) {
        if (nowMillis - savedMillis >= SAVE_EVERY_MILLIS) {
            savedMillis = nowMillis;
            save();
        }
    }

    void save() {
        if (file == null || predictors.isEmpty()) {
            return;
        }
        try {
            history.save(file);
        } catch (IOException e) {
            LOG.error("cannot save the predictive scaling history to {}: {}", file, e.getMessage());
        }
    }
}
