package io.shoal.autoscaler;

/**
 * One decision of the live autoscaler as {@code shoal events} shows it: the decision with its inputs
 * (figures per metric, raw recommendation, what the window and the policies made of it, the result) and
 * where its floor came from.
 *
 * @param atMillis wall-clock time, milliseconds since the epoch
 * @param scheduleFloor the highest floor of the schedules active then, 0 for none
 * @param forecast what predictive scaling expected, or null when it is off
 */
public record ScalingEvent(String service, long atMillis, int scheduleFloor, Forecast forecast, Decision decision) {

    /** Whether it changed the count or something held it back: what {@code shoal events} shows by default. */
    public boolean notable() {
        return decision.changes() || decision.recommended() != decision.current();
    }
}
