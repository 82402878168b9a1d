package io.shoal.bench.internal;

import io.shoal.bench.BenchResult;
import io.shoal.bench.Distribution;
import io.shoal.bench.ScalingRun;
import io.shoal.bench.Second;
import io.shoal.config.Counts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The {@code --html} file: one self-contained page (inline CSS and SVG, nothing fetched) with the text summary,
 * throughput and latency over time, the latency percentile curve and the distribution per instance.
 */
public final class HtmlReport {
    /** The percentile curve's x axis counts nines: 1 is p90, 2 is p99, ... up to p99.999. */
    private static final double MAX_NINES = 5;

    private HtmlReport() {
    }

    public static void write(BenchResult r, Path file) throws IOException {
        Files.writeString(file, html(r), StandardCharsets.UTF_8);
    }

    /** The report of a scaling check: the table, throughput per replica count, and efficiency against linear. */
    public static void writeScaling(String service, List<ScalingRun.Step> steps, Path file) throws IOException {
        List<String> labels = new ArrayList<>();
        List<Double> throughput = new ArrayList<>();
        List<Double> efficiency = new ArrayList<>();
        for (ScalingRun.Step step : steps) {
            labels.add(Counts.of(step.replicas(), "replica"));
            throughput.add(step.result().requestsPerSecond());
            efficiency.add(step.efficiency());
        }
        String page = "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>shoal bench --scale "
                + Svg.escape(service) + "</title><style>body{font:14px system-ui,sans-serif;margin:24px;color:#222;"
                + "max-width:800px}pre{background:#f6f6f6;padding:12px}svg{display:block;margin:16px 0}"
                + ".title{font-weight:600;font-size:14px}.tick{font-size:11px;fill:#444}</style></head><body>"
                + "<h1>shoal bench --scale " + Svg.escape(service) + "</h1><pre>" + Svg.escape(ScalingRun.table(steps))
                + "</pre>"
                + Svg.barChart("Throughput (answers per second)", labels, throughput, v -> String.format(Locale.ROOT, "%,.0f/s", v))
                + Svg.barChart("Scaling efficiency (1.00 = linear)", labels, efficiency, v -> String.format(Locale.ROOT, "%.2f", v))
                + "</body></html>\n";
        Files.writeString(file, page, StandardCharsets.UTF_8);
    }

    static String html(BenchResult r) {
        StringBuilder page = new StringBuilder("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>");
        page.append("<title>shoal bench: ").append(Svg.escape(r.plan().url().toString())).append("</title><style>")
                .append("body{font:14px system-ui,sans-serif;margin:24px;color:#222;max-width:800px}")
                .append("pre{background:#f6f6f6;padding:12px;overflow-x:auto}svg{display:block;margin:16px 0}")
                .append(".title{font-weight:600;font-size:14px}.tick{font-size:11px;fill:#444}.axis{font-size:12px;fill:#222}")
                .append(".grid{stroke:#ddd}</style></head><body><h1>shoal bench</h1><pre>")
                .append(Svg.escape(TextSummary.of(r))).append("</pre>");
        List<Second> t = r.timeline();
        List<Svg.Series> rates = new ArrayList<>();
        rates.add(series("answers/s", "#4c78a8", t, Second::requestsPerSecond));
        rates.add(series("failures/s", "#e45756", t, s -> s.lengthSeconds() > 0 ? s.failures() / s.lengthSeconds() : 0));
        if (r.plan().openModel()) {
            rates.add(series("rate asked", "#999", t, Second::target));
        }
        page.append(Svg.lineChart("Throughput over time", "seconds", "per second", rates, null));
        page.append(Svg.lineChart("Latency over time (answers completed in each second)", "seconds", "milliseconds", List.of(
                series("p50", "#4c78a8", t, Second::p50Millis),
                series("p99", "#f58518", t, Second::p99Millis),
                series("max", "#e45756", t, Second::maxMillis)), null));
        if (!r.plan().openModel() && !r.plan().stages().isEmpty()) {
            page.append(Svg.lineChart("Connections over time", "seconds", "connections", List.of(
                    series("open", "#4c78a8", t, s -> s.connections()),
                    series("asked", "#999", t, Second::target)), null));
        }
        page.append(percentileCurve(r));
        r.distribution().ifPresent(d -> page.append(distribution(d)));
        return page.append("</body></html>\n").toString();
    }

    private static String percentileCurve(BenchResult r) {
        List<LatencyCurve.Point> points = LatencyCurve.of(r.latency());
        double[] xs = points.stream().mapToDouble(p -> nines(p.percentile())).toArray();
        double[] ys = points.stream().mapToDouble(LatencyCurve.Point::millis).toArray();
        List<Svg.Tick> ticks = new ArrayList<>();
        String[] names = {"p0", "p90", "p99", "p99.9", "p99.99", "p99.999"};
        for (int i = 0; i <= MAX_NINES; i++) {
            ticks.add(new Svg.Tick(i, names[i]));
        }
        return Svg.lineChart("Latency by percentile", "percentile", "milliseconds",
                List.of(new Svg.Series("latency", "#4c78a8", xs, ys)), ticks);
    }

    private static String distribution(Distribution d) {
        List<String> labels = new ArrayList<>();
        List<Double> counts = new ArrayList<>();
        for (Distribution.Share share : d.shares()) {
            labels.add(share.instance());
            counts.add((double) share.count());
        }
        long total = d.shares().stream().mapToLong(Distribution.Share::count).sum();
        String title = String.format(Locale.ROOT, "Answers per instance, by %s (max/min %.2f, stddev/mean %.3f)",
                d.key(), d.maxOverMin(), d.stddevOverMean());
        return Svg.barChart(title, labels, counts,
                v -> String.format(Locale.ROOT, "%,d (%.1f%%)", (long) v, total == 0 ? 0 : 100 * v / total));
    }

    private static double nines(double percentile) {
        return percentile >= 100 ? MAX_NINES : Math.min(MAX_NINES, -Math.log10(1 - percentile / 100));
    }

    private static Svg.Series series(String name, String color, List<Second> t, ToDoubleFunction<Second> y) {
        return new Svg.Series(name, color, t.stream().mapToDouble(Second::atSeconds).toArray(), t.stream().mapToDouble(y).toArray());
    }
}
