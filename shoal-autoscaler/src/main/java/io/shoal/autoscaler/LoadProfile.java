package io.shoal.autoscaler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Offered load over time for the simulator: requests per second at each second. Built-in shapes
 * (step, spike, daily) or a CSV of {@code seconds,rate} lines, linearly interpolated.
 */
public final class LoadProfile {
    private final double[] ratePerSecond;

    private LoadProfile(double[] ratePerSecond) {
        this.ratePerSecond = ratePerSecond;
    }

    public int seconds() {
        return ratePerSecond.length;
    }

    public double rateAt(int second) {
        return ratePerSecond[second];
    }

    /** {@code low} for the first third, {@code high} for the second, {@code low} again after. */
    public static LoadProfile step(double low, double high, int seconds) {
        double[] rates = new double[seconds];
        for (int s = 0; s < seconds; s++) {
            rates[s] = s >= seconds / 3 && s < 2 * seconds / 3 ? high : low;
        }
        return new LoadProfile(rates);
    }

    /** {@code low}, with a burst of {@code high} for a tenth of the time in the middle. */
    public static LoadProfile spike(double low, double high, int seconds) {
        double[] rates = new double[seconds];
        for (int s = 0; s < seconds; s++) {
            rates[s] = Math.abs(s - seconds / 2) < seconds / 20 ? high : low;
        }
        return new LoadProfile(rates);
    }

    /** One day compressed into {@code seconds}: a night trough and the seeds' peaks at 07, 12:30 and 19. */
    public static LoadProfile daily(double low, double high, int seconds) {
        double[] rates = new double[seconds];
        double[] peakHours = {7, 12.5, 19};
        for (int s = 0; s < seconds; s++) {
            double hour = 24.0 * s / seconds;
            double level = 0;
            for (double peak : peakHours) {
                level = Math.max(level, Math.exp(-Math.pow((hour - peak) / 1.2, 2)));
            }
            rates[s] = low + (high - low) * level;
        }
        return new LoadProfile(rates);
    }

    /** Lines of {@code seconds,rate} (a header line and # comments are skipped), interpolated per second. */
    public static LoadProfile csv(Path file) throws IOException {
        List<double[]> points = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || !Character.isDigit(trimmed.charAt(0))) {
                continue;
            }
            String[] parts = trimmed.split("[,;\\s]+");
            points.add(new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1])});
        }
        if (points.size() < 2) {
            throw new IOException(file + ": needs at least two lines of seconds,rate");
        }
        int seconds = (int) Math.ceil(points.get(points.size() - 1)[0]) + 1;
        double[] rates = new double[seconds];
        int segment = 0;
        for (int s = 0; s < seconds; s++) {
            while (segment < points.size() - 2 && s > points.get(segment + 1)[0]) {
                segment++;
            }
            double[] a = points.get(segment);
            double[] b = points.get(segment + 1);
            double t = b[0] == a[0] ? 1 : Math.min(1, Math.max(0, (s - a[0]) / (b[0] - a[0])));
            rates[s] = a[1] + (b[1] - a[1]) * t;
        }
        return new LoadProfile(rates);
    }
}
