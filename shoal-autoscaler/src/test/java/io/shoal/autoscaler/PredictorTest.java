package io.shoal.autoscaler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shoal.config.AutoscaleConfig;
import io.shoal.config.AutoscaleConfig.Predictive;
import io.shoal.config.AutoscaleConfig.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Predictive scaling learns a week of request rates per hour and raises the floor of the same decision
 * code one start-up time before the busy hour comes; what it learnt survives a restart.
 */
class PredictorTest {
    /** Monday 16 November 2026, 00:00 UTC. */
    private static final Instant MONDAY = Instant.parse("2026-11-16T00:00:00Z");
    private static final AutoscaleConfig CONFIG = AutoscaleConfig.of(1, 10,
            List.of(new Target(AutoscaleConfig.Metric.RPS, 50)), List.of())
            .withPredictive(new Predictive("forecast_and_scale", Duration.ZERO));

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(MONDAY);

    /** Seed 000's pattern, shortened: 400 req/s on Mondays from 09:00 to 10:00, 20 req/s at every other hour. */
    private static double offered(LocalDateTime time, double busy) {
        return time.getDayOfWeek().getValue() == 1 && time.getHour() == 9 ? busy : 20;
    }

    /** A week of one-minute observations, moving the clock. */
    private void serveAWeek(Predictor predictor, double busy) {
        for (int minute = 0; minute < 7 * 24 * 60; minute++) {
            LocalDateTime start = LocalDateTime.now(clock);
            predictor.observe(start, clock.millis(), offered(start, busy) * 60, 60);
            clock.advance(Duration.ofMinutes(1));
        }
    }

    private LocalDateTime at(String nextMondayTime) {
        clock.set(Instant.parse("2026-11-23T" + nextMondayTime + "Z"));
        return LocalDateTime.now(clock);
    }

    private static ScalingInput quiet(long atMillis) {
        return new ScalingInput(atMillis, 1, List.of(new ReplicaFigures("web-1", true, false, Map.of(Metric.RPS, 20.0))),
                Map.of());
    }

    @Test
    void theFloorRisesOneStartUpTimeBeforeTheBusyHourThroughTheSameDecider() {
        Predictor predictor = new Predictor("web", CONFIG, new SeasonalHistory());
        serveAWeek(predictor, 400);
        predictor.startedIn(90_000); // replicas take 90 s to become ready

        Forecast early = predictor.forecast(at("08:58:00"));
        Forecast ahead = predictor.forecast(at("08:58:31"));

        assertThat(predictor.lead()).isEqualTo(Duration.ofSeconds(90));
        assertThat(early.rps()).isEqualTo(20.0);
        assertThat(early.replicas()).isEqualTo(1);
        assertThat(ahead.rps()).isEqualTo(400.0);
        assertThat(ahead.replicas()).isEqualTo(8); // 400 / 50
        Decision decision = Policies.decider(CONFIG).decide(quiet(clock.millis()), ahead.floor());
        assertThat(decision.desired()).isEqualTo(8);
        assertThat(decision.reason()).isEqualTo("scale up to the floor of 8");
    }

    @Test
    void forecastOnlyShowsTheForecastWithoutActingOnIt() {
        AutoscaleConfig onlyForecast = CONFIG.withPredictive(new Predictive("forecast_only", Duration.ofMinutes(5)));
        Predictor predictor = new Predictor("web", onlyForecast, new SeasonalHistory());
        serveAWeek(predictor, 400);

        Forecast forecast = predictor.forecast(at("08:56:00"));

        assertThat(forecast.replicas()).isEqualTo(8);
        assertThat(forecast.floor()).isZero();
        assertThat(Policies.decider(onlyForecast).decide(quiet(clock.millis()), forecast.floor()).desired()).isEqualTo(1);
    }

    @Test
    void withoutHistoryThereIsNoForecast() {
        Forecast forecast = new Predictor("web", CONFIG, new SeasonalHistory()).forecast(at("09:00:00"));
        assertThat(forecast.rps()).isNaN();
        assertThat(forecast.floor()).isZero();
    }

    @Test
    void aRestartKeepsWhatWasLearnt() throws IOException {
        SeasonalHistory history = new SeasonalHistory();
        serveAWeek(new Predictor("web", CONFIG, history), 400);
        Path file = dir.resolve("autoscale-history.csv");
        history.save(file);

        Predictor restarted = new Predictor("web", CONFIG, SeasonalHistory.load(file));

        assertThat(restarted.forecast(at("09:30:00")).rps()).isEqualTo(400.0);
        assertThat(restarted.forecast(at("03:00:00")).rps()).isEqualTo(20.0);
    }

    @Test
    void aLaterWeekCountsTwiceAsMuchAsTheOneBefore() {
        SeasonalHistory history = new SeasonalHistory();
        Predictor predictor = new Predictor("web", CONFIG, history);
        serveAWeek(predictor, 400);
        serveAWeek(predictor, 100);

        // (400 x 3600 / 2 + 100 x 3600) / (3600 / 2 + 3600)
        assertThat(predictor.forecast(at("09:30:00")).rps()).isCloseTo(200.0, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void aDamagedHistoryFileIsReportedWithItsLine() throws IOException {
        Path file = Files.writeString(dir.resolve("autoscale-history.csv"), "# header\nweb,9,100,60,1\nweb,nine,1,1,1\n");
        assertThatThrownBy(() -> SeasonalHistory.load(file)).isInstanceOf(IOException.class)
                .hasMessage(file + ":3: expected service,hour_of_week,requests,seconds,last_update_millis, got 'web,nine,1,1,1'");
    }
}
