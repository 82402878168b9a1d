package io.shoal.balancer;

import java.util.ArrayList;
import java.util.List;

/** A target whose figures a test sets by hand. Its name doubles as its node key. */
final class TestTarget implements Target {
    final String name;
    private final int weight;
    private volatile boolean available = true;
    private volatile int inFlight;
    private volatile double latencyEwmaNanos;
    private final PeakEwma tracker;

    TestTarget(String name, int weight) {
        this(name, weight, null);
    }

    TestTarget(String name, int weight, PeakEwma tracker) {
        this.name = name;
        this.weight = weight;
        this.tracker = tracker;
    }

    /** Targets named a, b, c, ... with the given weights. */
    static List<TestTarget> weighted(int... weights) {
        List<TestTarget> targets = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            targets.add(new TestTarget(name(i), weights[i]));
        }
        return targets;
    }

    static List<TestTarget> equal(int count) {
        int[] weights = new int[count];
        java.util.Arrays.fill(weights, 1);
        return weighted(weights);
    }

    static String name(int i) {
        return i < 26 ? String.valueOf((char) ('a' + i)) : "t" + i;
    }

    TestTarget available(boolean value) {
        available = value;
        return this;
    }

    TestTarget inFlight(int value) {
        inFlight = value;
        return this;
    }

    TestTarget latency(double nanos) {
        latencyEwmaNanos = nanos;
        return this;
    }

    void start() {
        inFlight++;
    }

    @Override
    public int weight() {
        return weight;
    }

    @Override
    public boolean isAvailable(long nowNanos) {
        return available;
    }

    @Override
    public int inFlight() {
        return inFlight;
    }

    @Override
    public double latencyEwmaNanos(long nowNanos) {
        return tracker != null ? tracker.value(nowNanos) : latencyEwmaNanos;
    }

    PeakEwma tracker() {
        return tracker;
    }

    @Override
    public String toString() {
        return name;
    }
}
