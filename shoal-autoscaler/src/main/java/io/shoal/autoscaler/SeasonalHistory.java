package io.shoal.autoscaler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The request rate of each service per hour of the week (168 buckets, local time, Monday 00:00 first),
 * learnt from what it served: requests and seconds observed per bucket. When a bucket is visited again a
 * week later, what it held counts half, so recent weeks weigh more and a changed pattern is learnt within
 * a few weeks. Kept in a small CSV file so that a restart does not forget it. Not thread-safe: the
 * autoscaler's thread owns it.
 */
final class SeasonalHistory {
    static final int HOURS_PER_WEEK = 168;
    /** Less than this observed in a bucket is no basis for a forecast. */
    static final double MIN_SECONDS = 60;
    private static final long HOUR_MILLIS = 3_600_000;
    private static final String HEADER = "# shoal autoscale history: service,hour_of_week,requests,seconds,last_update_millis";

    private static final class Bucket {
        double requests;
        double seconds;
        long lastMillis;
    }

    private final Map<String, Bucket[]> services = new LinkedHashMap<>();

    static int hourOfWeek(LocalDateTime time) {
        return (time.getDayOfWeek().getValue() - 1) * 24 + time.getHour();
    }

    /** Adds {@code requests} served over {@code seconds} ending at {@code time} ({@code atMillis} on the epoch). */
    void observe(String service, LocalDateTime time, long atMillis, double requests, double seconds) {
        Bucket bucket = buckets(service)[hourOfWeek(time)];
        if (bucket.lastMillis > 0 && atMillis - bucket.lastMillis > HOUR_MILLIS) {
            bucket.requests /= 2; // a visit of an earlier week
            bucket.seconds /= 2;
        }
        bucket.requests += requests;
        bucket.seconds += seconds;
        bucket.lastMillis = atMillis;
    }

    /** The learnt request rate in the hour of the week of {@code time}, or NaN without enough history. */
    double rate(String service, LocalDateTime time) {
        Bucket[] buckets = services.get(service);
        if (buckets == null) {
            return Double.NaN;
        }
        Bucket bucket = buckets[hourOfWeek(time)];
        return bucket.seconds < MIN_SECONDS ? Double.NaN : bucket.requests / bucket.seconds;
    }

    private Bucket[] buckets(String service) {
        return services.computeIfAbsent(service, s -> {
            Bucket[] buckets = new Bucket[HOURS_PER_WEEK];
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new Bucket();
            }
            return buckets;
        });
    }

    /** Writes the file whole, through a temporary file, so that a crash leaves the previous one. */
    void save(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        services.forEach((service, buckets) -> {
            for (int hour = 0; hour < buckets.length; hour++) {
                Bucket b = buckets[hour];
                if (b.seconds > 0) {
                    lines.add(String.format(Locale.ROOT, "%s,%d,%.3f,%.3f,%d", service, hour, b.requests, b.seconds,
                            b.lastMillis));
                }
            }
        });
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(temporary, lines);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads a file {@link #save} wrote; a missing file is an empty history. */
    static SeasonalHistory load(Path file) throws IOException {
        SeasonalHistory history = new SeasonalHistory();
        if (!Files.isRegularFile(file)) {
            return history;
        }
        int number = 0;
        for (String line : Files.readAllLines(file)) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",");
            try {
                int hour = Integer.parseInt(f[1]);
                if (f.length != 5 || hour < 0 || hour >= HOURS_PER_WEEK) {
                    throw new IllegalArgumentException();
                }
                Bucket b = history.buckets(f[0])[hour];
                b.requests = Double.parseDouble(f[2]);
                b.seconds = Double.parseDouble(f[3]);
                b.lastMillis = Long.parseLong(f[4]);
            } catch (RuntimeException e) {
                throw new IOException(file + ":" + number + ": expected service,hour_of_week,requests,seconds,"
                        + "last_update_millis, got '" + line + "'");
            }
        }
        return history;
    }
}
