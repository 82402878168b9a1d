package io.shoal.topology;

/**
 * A server's or a service's traffic over a recent window of {@link TrafficSampler} samples.
 *
 * @param seconds the time the window actually covers (0 before the first sample)
 * @param requests requests that ended in the window, with a response or a failure
 * @param errors 5xx responses and failures without a response
 * @param responses responses in the window: the latency percentiles describe these; 0 leaves them 0
 * @param p50Millis latency to the response head; so are p95 and p99
 */
public record TrafficFigures(double seconds, long requests, long errors, long responses,
                             double p50Millis, double p95Millis, double p99Millis) {

    static final TrafficFigures NONE = new TrafficFigures(0, 0, 0, 0, 0, 0, 0);

    public double requestsPerSecond() {
        return seconds > 0 ? requests / seconds : 0;
    }

    public double errorsPerSecond() {
        return seconds > 0 ? errors / seconds : 0;
    }

    /** Errors over requests, from 0 to 1; 0 without requests. */
    public double errorRatio() {
        return requests > 0 ? (double) errors / requests : 0;
    }
}
