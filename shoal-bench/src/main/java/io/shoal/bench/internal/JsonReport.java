package io.shoal.bench.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.shoal.bench.BenchResult;
import io.shoal.bench.LoadPlan;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code --json} file: the plan, the totals, the named percentiles, the whole percentile curve, the timeline and
 * the distribution, in milliseconds and seconds, for scripts and for comparing runs.
 */
public final class JsonReport {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    public static void write(BenchResult r, Path file) throws IOException {
        MAPPER.writeValue(file.toFile(), tree(r));
    }

    static Map<String, Object> tree(BenchResult r) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("plan", plan(r.plan()));
        root.put("elapsedSeconds", r.elapsed().toNanos() / 1e9);
        root.put("responses", r.responses());
        root.put("requestsPerSecond", r.requestsPerSecond());
        root.put("bytesRead", r.bytesRead());
        root.put("protocol", r.protocol());
        r.tls().ifPresent(tls -> root.put("tls", tls));
        if (r.plan().tls()) {
            root.put("handshakes", r.handshakes());
            root.put("handshakesPerSecond", r.handshakesPerSecond());
        }
        Map<String, Object> latency = new LinkedHashMap<>();
        if (r.responses() > 0) {
            latency.put("mean", r.latency().getMean() / 1000);
            latency.put("stdev", r.latency().getStdDeviation() / 1000);
            for (double percentile : LatencyCurve.NAMED) {
                latency.put(LatencyCurve.name(percentile), r.millisAt(percentile));
            }
            latency.put("max", r.latency().getMaxValue() / 1000.0);
        }
        root.put("latencyMillis", latency);
        root.put("percentiles", LatencyCurve.of(r.latency()));
        root.put("statuses", r.statuses());
        root.put("failures", r.failures());
        root.put("failureKinds", r.failureKinds());
        root.put("dropped", r.dropped());
        root.put("timeline", r.timeline());
        r.distribution().ifPresent(d -> root.put("distribution", d));
        return root;
    }

    private static Map<String, Object> plan(LoadPlan plan) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("url", plan.url().toString());
        p.put("method", plan.method());
        p.put("model", plan.openModel() ? "open" : "closed");
        p.put("connections", plan.connections());
        plan.rate().ifPresent(rate -> p.put("rate", rate));
        plan.length().ifPresent(d -> p.put("durationSeconds", d.toNanos() / 1e9));
        if (plan.requests() > 0) {
            p.put("requests", plan.requests());
        }
        if (!plan.stages().isEmpty()) {
            p.put("stages", plan.stages().stream().map(Object::toString).toList());
        }
        p.put("keepAlive", plan.keepAlive());
        p.put("httpVersion", plan.httpVersion() == LoadPlan.HttpVersion.HTTP_2 ? "2" : "1.1");
        p.put("streams", plan.streams());
        plan.connectTo().ifPresent(to -> p.put("connectTo", plan.target().getHostString() + ":" + plan.target().getPort()));
        p.put("timeoutMillis", plan.timeout().toMillis());
        p.put("threads", plan.threads());
        return p;
    }
}
