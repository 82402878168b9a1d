package io.shoal.bench.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * Inline SVG charts for the HTML report, drawn here so that the report is one file that opens offline: no script,
 * no CDN, no fonts to fetch. Line charts with linear axes; the x axis may carry its own tick labels.
 */
final class Svg {
    private static final int WIDTH = 760;
    private static final int HEIGHT = 260;
    private static final int LEFT = 64;
    private static final int RIGHT = 32;
    private static final int TOP = 28;
    private static final int BOTTOM = 40;

    /** One line: a name for the legend, a CSS colour, and its points. */
    record Series(String name, String color, double[] xs, double[] ys) {
    }

    /** A tick mark on the x axis at {@code value}, labelled {@code label}. */
    record Tick(double value, String label) {
    }

    private Svg() {
    }

    static String lineChart(String title, String xTitle, String yTitle, List<Series> series, List<Tick> xTicks) {
        double xMax = 1e-9;
        double yMax = 1e-9;
        for (Series s : series) {
            for (int i = 0; i < s.xs.length; i++) {
                xMax = Math.max(xMax, s.xs[i]);
                yMax = Math.max(yMax, s.ys[i]);
            }
        }
        double yStep = niceStep(yMax);
        double yTop = Math.ceil(yMax / yStep) * yStep;
        List<Tick> xs = xTicks != null ? xTicks : linearTicks(xMax, x -> fmt(x));
        double xTop = Math.max(xMax, xs.isEmpty() ? 0 : xs.get(xs.size() - 1).value());
        StringBuilder svg = new StringBuilder();
        svg.append(f("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 %d %d' width='%d' height='%d' role='img'>",
                WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(f("<text x='%d' y='18' class='title'>%s</text>", LEFT, escape(title)));
        for (double y = 0; y <= yTop + yStep / 2; y += yStep) {
            double py = py(y, yTop);
            svg.append(f("<line x1='%d' x2='%d' y1='%.1f' y2='%.1f' class='grid'/>", LEFT, WIDTH - RIGHT, py, py));
            svg.append(f("<text x='%d' y='%.1f' class='tick' text-anchor='end'>%s</text>", LEFT - 6, py + 4, fmt(y)));
        }
        for (Tick t : xs) {
            double px = px(t.value(), xTop);
            svg.append(f("<text x='%.1f' y='%d' class='tick' text-anchor='middle'>%s</text>", px, HEIGHT - BOTTOM + 16, escape(t.label())));
        }
        svg.append(f("<text x='%d' y='%d' class='axis' text-anchor='middle'>%s</text>", (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 6, escape(xTitle)));
        svg.append(f("<text x='14' y='%d' class='axis' text-anchor='middle' transform='rotate(-90 14 %d)'>%s</text>",
                (TOP + HEIGHT - BOTTOM) / 2, (TOP + HEIGHT - BOTTOM) / 2, escape(yTitle)));
        int legendX = WIDTH - RIGHT;
        for (int k = series.size() - 1; k >= 0; k--) {
            Series s = series.get(k);
            legendX -= 22 + 7 * s.name.length();
            svg.append(f("<rect x='%d' y='8' width='10' height='10' fill='%s'/><text x='%d' y='17' class='tick'>%s</text>",
                    legendX, s.color, legendX + 13, escape(s.name)));
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < s.xs.length; i++) {
                points.append(f("%.1f,%.1f ", px(s.xs[i], xTop), py(s.ys[i], yTop)));
            }
            svg.append(f("<polyline fill='none' stroke='%s' stroke-width='2' points='%s'/>", s.color, points.toString().trim()));
        }
        return svg.append("</svg>").toString();
    }

    /** Horizontal bars, one per label, with the value written at the end of each bar. */
    static String barChart(String title, List<String> labels, List<Double> values, DoubleFunction<String> valueText) {
        int row = 24;
        int height = TOP + row * labels.size() + 8;
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        int labelWidth = 8 + 7 * labels.stream().mapToInt(String::length).max().orElse(4);
        StringBuilder svg = new StringBuilder(f("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 %d %d' width='%d' height='%d' role='img'>",
                WIDTH, height, WIDTH, height));
        svg.append(f("<text x='%d' y='18' class='title'>%s</text>", 8, escape(title)));
        for (int i = 0; i < labels.size(); i++) {
            double w = max <= 0 ? 0 : (WIDTH - labelWidth - 160) * values.get(i) / max;
            int y = TOP + i * row;
            svg.append(f("<text x='%d' y='%d' class='tick' text-anchor='end'>%s</text>", labelWidth, y + 15, escape(labels.get(i))));
            svg.append(f("<rect x='%d' y='%d' width='%.1f' height='18' fill='#4c78a8'/>", labelWidth + 6, y + 2, w));
            svg.append(f("<text x='%.1f' y='%d' class='tick'>%s</text>", labelWidth + 12 + w, y + 15, escape(valueText.apply(values.get(i)))));
        }
        return svg.append("</svg>").toString();
    }

    static List<Tick> linearTicks(double max, DoubleFunction<String> label) {
        double step = niceStep(max);
        List<Tick> ticks = new ArrayList<>();
        for (double x = 0; x <= max + step / 2; x += step) {
            ticks.add(new Tick(x, label.apply(x)));
        }
        return ticks;
    }

    /** 1, 2 or 5 times a power of ten, giving about five steps up to {@code max}. */
    static double niceStep(double max) {
        double raw = max / 5;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / power;
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * power;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;").replace("\"", "&quot;");
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? f("%,d", (long) v) : f("%.3g", v);
    }

    private static double px(double x, double xMax) {
        return LEFT + (WIDTH - LEFT - RIGHT) * x / xMax;
    }

    private static double py(double y, double yMax) {
        return HEIGHT - BOTTOM - (HEIGHT - TOP - BOTTOM) * y / yMax;
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
