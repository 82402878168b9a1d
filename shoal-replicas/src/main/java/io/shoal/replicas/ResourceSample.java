package io.shoal.replicas;

/**
 * One sample of a replica's process.
 *
 * @param atEpochMillis wall-clock time of the sample: the one time it is shown at, however often it is read
 * @param cpuPercent CPU used since the previous sample, in percent of one core (200 = two cores busy)
 * @param rssBytes resident memory
 */
public record ResourceSample(long atEpochMillis, double cpuPercent, long rssBytes) {}
