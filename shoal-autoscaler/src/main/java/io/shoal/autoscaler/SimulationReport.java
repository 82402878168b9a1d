package io.shoal.autoscaler;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The simulator's timeline as CSV, or as one self-contained HTML page with inline SVG charts. */
final class SimulationReport {
    private SimulationReport() {}

    static String csv(List<Simulator.Second> timeline) {
        StringBuilder out = new StringBuilder("second,rate,replicas,ready,utilization,p95_ms,backlog\n");
        for (Simulator.Second s : timeline) {
            out.append(String.format(Locale.ROOT, "%d,%.2f,%d,%d,%.4f,%.1f,%.1f%n", s.second(), s.rate(), s.replicas(),
                    s.ready(), s.utilization(), Math.min(s.p95Millis(), 3_600_000), s.backlog()));
        }
        return out.toString();
    }

    static String html(List<Simulator.Second> timeline, double p95Target) {
        return "<!doctype html><meta charset=utf-8><title>shoal simulate</title>"
                + "<style>body{font:14px sans-serif;margin:2em}svg{border:1px solid #ccc;margin:.5em 0}</style>"
                + "<h1>shoal simulate</h1>"
                + chart("Offered load (req/s)", timeline, Simulator.Second::rate, "#1f77b4", Double.NaN)
                + chart("Replicas (line) and ready replicas", timeline, Simulator.Second::replicas, "#2ca02c", Double.NaN)
                + chart("Ready replicas", timeline, Simulator.Second::ready, "#98df8a", Double.NaN)
                + chart("p95 latency (ms), objective dashed", timeline, s -> Math.min(s.p95Millis(), p95Target * 4),
                        "#d62728", p95Target);
    }

    private static String chart(String title, List<Simulator.Second> timeline, ToDoubleFunction<Simulator.Second> value,
                                String color, double line) {
        int width = 800;
        int height = 160;
        double top = Math.max(1, timeline.stream().mapToDouble(value).max().orElse(1)) * 1.1;
        StringBuilder points = new StringBuilder();
        for (Simulator.Second s : timeline) {
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", s.second() * (double) width / timeline.size(),
                    height - value.applyAsDouble(s) / top * height));
        }
        String objective = Double.isNaN(line) ? "" : String.format(Locale.ROOT,
                "<line x1=0 x2=%d y1=%.1f y2=%.1f stroke=#999 stroke-dasharray=4/>", width,
                height - line / top * height, height - line / top * height);
        return String.format(Locale.ROOT, "<h3>%s (max %.0f)</h3><svg width=%d height=%d>%s"
                + "<polyline fill=none stroke='%s' stroke-width=1.5 points='%s'/></svg>",
                title, top / 1.1, width, height, objective, color, points);
    }
}
