package io.shoal.bench.internal;

import io.shoal.bench.BenchResult;
import io.shoal.bench.Distribution;
import io.shoal.bench.LoadPlan;
import io.shoal.bench.TlsSession;
import io.shoal.config.Counts;
import io.shoal.config.Values;
import java.util.Locale;
import java.util.stream.Collectors;

/** The summary printed after a run, in the spirit of ab and wrk: one labelled line per fact, milliseconds throughout. */
public final class TextSummary {
    private TextSummary() {
    }

    public static String of(BenchResult r) {
        LoadPlan plan = r.plan();
        StringBuilder out = new StringBuilder();
        line(out, "Target", plan.method() + " " + plan.url() + (plan.keepAlive() ? " (keep-alive)" : " (new connection per request)"));
        line(out, "Protocol", plan.protocolName() + (plan.streams() > 1 ? ", " + Counts.of(plan.streams(), "stream") + " per connection" : ""));
        if (plan.tls()) {
            line(out, "TLS", r.tls().map(TlsSession::toString).orElse("no handshake completed") + ", certificate not verified");
        }
        line(out, "Load", load(plan));
        if (plan.openModel()) {
            line(out, "", "latency counted from each request's due time, so waiting for a busy target counts");
        }
        line(out, "Requests", f("%,d answered in %.2f s: %,.1f req/s, %s/s read", r.responses(), r.elapsed().toNanos() / 1e9,
                r.requestsPerSecond(), bytes(r.bytesReadPerSecond())));
        if (plan.tls()) {
            line(out, "Handshakes", f("%,d TLS handshakes: %,.1f/s", r.handshakes(), r.handshakesPerSecond()));
        }
        if (r.responses() > 0) {
            line(out, "Latency", f("mean %.2f ms, stdev %.2f ms", r.latency().getMean() / 1000, r.latency().getStdDeviation() / 1000));
            StringBuilder p = new StringBuilder();
            for (double percentile : LatencyCurve.NAMED) {
                p.append(f("%s %.2f  ", LatencyCurve.name(percentile), r.millisAt(percentile)));
            }
            line(out, "", p.append(f("max %.2f (ms)", r.latency().getMaxValue() / 1000.0)).toString());
            line(out, "Statuses", r.statuses().entrySet().stream().map(e -> f("%d: %,d", e.getKey(), e.getValue()))
                    .collect(Collectors.joining(", ")));
        }
        long requests = r.requests();
        String failures = f("%,d of %,d (%.2f%%)", r.failures(), requests, requests == 0 ? 0 : 100.0 * r.failures() / requests);
        String kinds = r.failureKinds().entrySet().stream().map(e -> f("%s: %,d", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
        line(out, "Failures", kinds.isEmpty() ? failures : failures + ": " + kinds);
        if (r.dropped() > 0) {
            line(out, "Dropped", Counts.of(r.dropped(), "request") + " due but never sent: every connection was busy (the target fell behind)");
        }
        r.distribution().ifPresent(d -> distribution(out, d));
        return out.toString();
    }

    static String load(LoadPlan plan) {
        String length = plan.length().map(d -> " for " + Values.formatDuration(d)).orElse("");
        String count = plan.requests() > 0 ? ", at most " + Counts.of(plan.requests(), "request") : "";
        String threads = ", " + Counts.of(plan.threads(), "thread");
        String connectionCount = Counts.of(plan.connections(), "connection");
        String stages = plan.stages().isEmpty() ? "" : ", stages " + plan.stages().stream().map(Object::toString).collect(Collectors.joining(","));
        if (plan.openModel()) {
            String rate = plan.stages().isEmpty() ? f("%,.1f req/s", plan.rate().orElseThrow())
                    : f("from %,.1f req/s", plan.rate().orElseThrow()) + stages;
            return f("open model: %s, %s%s%s%s", rate, connectionCount, length, count, threads);
        }
        String connections = plan.stages().isEmpty() ? connectionCount : "from " + connectionCount + stages;
        return f("closed model: %s%s%s%s", connections, length, count, threads);
    }

    private static void distribution(StringBuilder out, Distribution d) {
        line(out, "Instances", "by " + d.key());
        int width = d.shares().stream().mapToInt(s -> s.instance().length()).max().orElse(0);
        for (Distribution.Share share : d.shares()) {
            line(out, "", f("%-" + width + "s  %,10d  %5.1f%%", share.instance(), share.count(), 100 * share.fraction()));
        }
        if (d.unlabelled() > 0) {
            line(out, "", Counts.of(d.unlabelled(), "answer") + " without a label");
        }
        if (!d.shares().isEmpty()) {
            line(out, "", f("imbalance: max/min %.2f, stddev/mean %.3f", d.maxOverMin(), d.stddevOverMean()));
        }
    }

    static String bytes(double perSecond) {
        return perSecond >= 1e6 ? f("%.2f MB", perSecond / 1e6) : f("%.1f kB", perSecond / 1e3);
    }

    private static void line(StringBuilder out, String label, String text) {
        out.append(f("%-10s %s%n", label, text));
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
