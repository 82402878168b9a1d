package io.shoal.bench;

/**
 * One point of the timeline, normally one second long (the last one is shorter): answers completed in it, failures
 * (answers of status 400 or more and requests without an answer), latency of the answers completed in it, and the
 * load asked for at its end (request rate in the open model, connections otherwise) beside the connections open.
 */
public record Second(double atSeconds, double lengthSeconds, long responses, long failures,
                     double p50Millis, double p99Millis, double maxMillis, int connections, double target) {

    public double requestsPerSecond() {
        return lengthSeconds > 0 ? responses / lengthSeconds : 0;
    }
}
