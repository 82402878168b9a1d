package io.shoal.admin.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.shoal.autoscaler.Alert;
import io.shoal.autoscaler.DirectionBehavior;
import io.shoal.autoscaler.EventLog;
import io.shoal.autoscaler.Metric;
import io.shoal.autoscaler.MetricTarget;
import io.shoal.autoscaler.ReplicaFigures;
import io.shoal.autoscaler.ScalingDecider;
import io.shoal.autoscaler.ScalingEvent;
import io.shoal.autoscaler.ScalingInput;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/events}: decisions with their inputs, filtered by service, time and notability; alerts; usage. */
class EventRoutesTest {
    private final EventLog log = new EventLog();
    private final EventRoutes routes = new EventRoutes(log);

    EventRoutesTest() {
        ScalingDecider decider = new ScalingDecider(1, 10, List.of(new MetricTarget(Metric.IN_FLIGHT, 3)), List.of(), 0.1,
                DirectionBehavior.defaultScaleUp(), DirectionBehavior.defaultScaleDown());
        log.record(new ScalingEvent("web", 1_000, 0, null, decider.decide(input(1_000, 3), 0)));
        log.record(new ScalingEvent("web", 2_000, 0, null, decider.decide(input(2_000, 12), 0)));
        log.standing("web", List.of(new Alert("web", "near_max", "web runs 9 of at most 10 replicas (90 %)")));
        log.countReplicas("web", 2, 1_800_000, 0.5);
    }

    private static ScalingInput input(long at, double inFlight) {
        return new ScalingInput(at, 1, List.of(new ReplicaFigures("web-1", true, false, Map.of(Metric.IN_FLIGHT, inFlight))),
                Map.of());
    }

    private JsonNode get(String query) {
        return Exchanges.JSON.valueToTree(routes.events(query).body());
    }

    @Test
    void notableDecisionsWithTheirInputsAlertsAndUsage() {
        JsonNode body = get(null);

        assertThat(body.path("events")).hasSize(1);
        JsonNode event = body.path("events").get(0);
        assertThat(event.path("service").asText()).isEqualTo("web");
        JsonNode decision = event.path("decision");
        assertThat(decision.path("metrics").get(0).path("metric").asText()).isEqualTo("IN_FLIGHT");
        assertThat(decision.path("metrics").get(0).path("value").asDouble()).isEqualTo(12.0);
        assertThat(decision.path("metrics").get(0).path("replicas").asInt()).isEqualTo(4);
        assertThat(decision.path("raw").asInt()).isEqualTo(4);
        assertThat(decision.path("stabilized").asInt()).isEqualTo(4);
        assertThat(decision.path("desired").asInt()).isEqualTo(4); // within the default policies (+4 pods per 15 s)
        assertThat(decision.path("reason").asText()).isEqualTo("scale up");
        assertThat(body.path("alerts").get(0).path("kind").asText()).isEqualTo("near_max");
        assertThat(body.path("usage").path("web").path("replicaHours").asDouble()).isEqualTo(1.0);
        assertThat(body.path("usage").path("web").path("cost").asDouble()).isEqualTo(0.5);
    }

    @Test
    void filtersByServiceTimeAndAll() {
        assertThat(get("all=true").path("events")).hasSize(2);
        assertThat(get("all=true&since=1000").path("events")).hasSize(1);
        assertThat(get("service=api&all=true").path("events")).isEmpty();
        assertThatThrownBy(() -> get("since=yesterday")).isInstanceOf(ApiException.class)
                .hasMessage("since must be a time in milliseconds since the epoch, got 'yesterday'");
        assertThatThrownBy(() -> get("servce=web")).isInstanceOf(ApiException.class)
                .hasMessage("unknown parameter 'servce'; known: service, since, all");
    }

    @Test
    void aFigureThatDoesNotExistYetIsNullNotNaN() throws Exception {
        ScalingDecider decider = new ScalingDecider(1, 10, List.of(new MetricTarget(Metric.IN_FLIGHT, 3)), List.of(), 0.1,
                DirectionBehavior.defaultScaleUp(), DirectionBehavior.defaultScaleDown());
        ScalingInput noReadyReplica = new ScalingInput(3_000, 1,
                List.of(new ReplicaFigures("web-1", false, false, Map.of())), Map.of());
        log.record(new ScalingEvent("web", 3_000, 0, null, decider.decide(noReadyReplica, 0)));

        String json = Exchanges.JSON.writeValueAsString(routes.events("since=2000&all=true").body());

        JsonNode value = Exchanges.JSON.readTree(json).path("events").get(0).path("decision").path("metrics").get(0).path("value");
        assertThat(value.isNull()).as(json).isTrue();
        assertThat(json).doesNotContain("NaN");
    }
}
