package io.shoal.balancer;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Peak-sensitive exponentially weighted moving average of response time, after Finagle's
 * {@code PeakEwma.Metric}: quick to notice a slow server, slow to forgive it.
 *
 * <ul>
 *   <li>A sample above the stored estimate replaces it at once (the "peak").
 *   <li>Otherwise the estimate moves toward the sample by weight {@code 1 - w}, with
 *       {@code w = exp(-elapsed / tau)} and {@code elapsed} the time since the previous sample: a time-based
 *       EWMA for unevenly spaced samples, so that a burst of fast responses does not erase a slow one.
 *   <li>{@link #value} decays the estimate toward 0 by the same {@code w} for the time since the last
 *       sample, so that a target left alone after being slow is eventually tried again.
 * </ul>
 * After {@code observe(s, t)}, {@code value(t) >= s}. Finagle applies that decay by recording a 0 sample
 * on every read; here reads change nothing, so the estimate does not depend on how often balancers look.
 *
 * <p>Thread-safe and lock-free: {@code observe} is a CAS loop on the estimate, so no sample is lost. The
 * timestamp is a separate volatile written after the CAS; a racing observe or read may pair the new
 * estimate with the previous timestamp, which only shifts the weight between two samples taken at nearly
 * the same time (the result stays between them). Allocation-free.
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
            double next;
            if (rtt > estimate) {
                next = rtt;
            } else {
                double w = decay(nowNanos - stamp);
                next = estimate * w + rtt * (1 - w);
            }
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
