package io.shoal.replicas;

/**
 * One replica as {@code shoal ps} shows it.
 *
 * @param state STARTING, READY, STOPPING, BACKOFF or FAILED
 * @param pid process id, or -1 when no process runs now
 * @param cpuPercent CPU over the last second, percent of one core; -1 when unknown
 * @param rssBytes resident memory; -1 when unknown
 */
public record ReplicaView(String id, String service, String state, int port, long pid, long uptimeMillis,
                          int restarts, double cpuPercent, long rssBytes, int inFlight, String message) {}
