package io.shoal.topology;

/**
 * One sample of {@link TrafficSampler}: what a server or a service did in about one second.
 *
 * @param atEpochMillis wall-clock time at the end of the sample
 * @param seconds how long the sample covers (about 1)
 * @param requests requests that ended: with a response or with a failure
 * @param errors 5xx responses and failures without a response
 * @param p50Millis latency to the response head, 0 without responses; so are p95 and p99
 */
public record TrafficSecond(long atEpochMillis, double seconds, long requests, long errors,
                            double p50Millis, double p95Millis, double p99Millis) {

    public double requestsPerSecond() {
        return seconds > 0 ? requests / seconds : 0;
    }

    public double errorsPerSecond() {
        return seconds > 0 ? errors / seconds : 0;
    }
}
