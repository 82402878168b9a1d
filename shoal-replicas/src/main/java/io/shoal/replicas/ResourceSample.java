package io.shoal.replicas;

/**
 * @param cpuPercent CPU used since the previous sample, in percent of one core (200 = two cores busy)
 * @param rssBytes resident memory
 */
public record ResourceSample(double cpuPercent, long rssBytes) {}
