package io.shoal.autoscaler;

import java.util.List;

/**
 * One evaluation of the autoscaler, with everything that led to it (the HPA's conditions and events, in one record).
 *
 * @param raw the highest recommendation of the metrics and rules, before min, max and the floor; -1 when
 *     none had an opinion (no figures, no rule fired)
 * @param floor the higher minimum that applied (a schedule's or the forecast's), 0 for none
 * @param recommended what the metrics and rules asked for, within min (or the floor) and max (before the windows)
 * @param stabilized after the stabilization windows
 * @param desired the result, after the scaling policies: the replica count to run
 * @param reason one line for people: what moved or held the count
 */
public record Decision(long atMillis, int current, List<MetricRecommendation> metrics, List<String> rules,
                       int raw, int floor, int recommended, int stabilized, int desired, String reason) {

    public boolean changes() {
        return desired != current;
    }
}
