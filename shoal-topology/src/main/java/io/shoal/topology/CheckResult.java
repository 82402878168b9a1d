package io.shoal.topology;

/**
 * The outcome of one active health check.
 *
 * @param detail what was seen, e.g. "HTTP 200" or "connect refused"
 */
public record CheckResult(boolean passed, String detail, long durationNanos, long atEpochMillis) {}
