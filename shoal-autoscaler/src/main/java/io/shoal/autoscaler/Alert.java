package io.shoal.autoscaler;

/**
 * A condition of an autoscaled service that someone should look at, as long as it lasts.
 *
 * @param kind {@code near_max}, {@code frequent_scaling} or {@code failing_to_start}
 * @param message one line for people: the figures and what to do
 */
public record Alert(String service, String kind, String message) {}
