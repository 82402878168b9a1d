package io.shoal.balancer;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Peak-sensitive exponentially weighted moving average of response time, after Finagle's
 * {@code PeakEwma.Metric} (and Linkerd's {@code PeakEwma}): quick to notice a slow server, slow to forgive it.
 *
 * <ul>
 *   <li>{@link #value} is the last estimate decayed toward 0 by {@code w = exp(-elapsed / tau)} for the
 *       time since the last sample, so that a server left alone after being slow is eventually tried again.
 *   <li>A sample above that current value replaces it at once (the "peak").
 *   <li>A sample below it is blended in: {@code w * value + (1 - w) * sample}, with the same {@code w},
 *       so the estimate follows an improving server at the pace of tau and a burst of fast responses
 *       does not erase a slow one.
 * </ul>
 * So after {@code observe(s, t)}, {@code value(t)} is {@code s}, or lies between {@code s} and the value
 * just before. Finagle applies the decay by recording a 0 sample on each read and blends with the time
 * since that read; here reads change nothing and the blend uses the time since the previous sample, so
 * the estimate does not depend on how often balancers look.
 *
 * <p>Thread-safe and lock-free: {@code observe} is a CAS loop on the estimate, so no sample is lost. The
 * timestamp is a separate volatile written after the CAS; a racing observe or read may pair the new
 * estimate with the previous timestamp, which only decays it a little more, for samples taken at nearly
 * the same time. Allocation-free.
 */
public final class PeakEwma {

    /** Finagle's default decay time. */
    public static final Duration DEFAULT_DECAY_TIME = Duration.ofSeconds(10);

    private final double tauNanos;
    private final AtomicLong estimateBits = new AtomicLong(Double.doubleToRawLongBits(0.0));
    private volatile long stampNanos;

    public PeakEwma() {
        this(DEFAULT_DECAY_TIME);
    }

    /** @param decayTime the time constant tau: an estimate falls to 1/e of itself in this time without samples */
    public PeakEwma(Duration decayTime) {
        long nanos = decayTime.toNanos();
        if (nanos <= 0) {
            throw new IllegalArgumentException("decay time must be positive, got " + decayTime);
        }
        this.tauNanos = nanos;
    }

    /** Records one response time, measured at {@code nowNanos} ({@link System#nanoTime()}); negatives count as 0. */
    public void observe(long rttNanos, long nowNanos) {
        double rtt = Math.max(0, rttNanos);
        while (true) {
            long stamp = stampNanos;
            long bits = estimateBits.get();
            double estimate = Double.longBitsToDouble(bits);
            double w = decay(nowNanos - stamp);
            double current = estimate * w;
            double next = rtt > current ? rtt : current * w + rtt * (1 - w);
            if (estimateBits.compareAndSet(bits, Double.doubleToRawLongBits(next))) {
                stampNanos = nowNanos;
                return;
            }
        }
    }

    /** The estimate in nanoseconds as of {@code nowNanos}; 0 before the first sample. */
    public double value(long nowNanos) {
        long stamp = stampNanos;
        double estimate = Double.longBitsToDouble(estimateBits.get());
        return estimate == 0 ? 0 : estimate * decay(nowNanos - stamp);
    }

    /** {@code exp(-elapsed / tau)}; a clock that went backwards counts as no time. */
    private double decay(long elapsedNanos) {
        return elapsedNanos <= 0 ? 1 : Math.exp(-elapsedNanos / tauNanos);
    }

    @Override
    public String toString() {
        return "PeakEwma{tau=" + Duration.ofNanos((long) tauNanos) + ", estimateNanos="
                + Double.longBitsToDouble(estimateBits.get()) + '}';
    }
}
