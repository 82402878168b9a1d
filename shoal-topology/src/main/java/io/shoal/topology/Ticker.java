package io.shoal.topology;

/**
 * Monotonic nanoseconds, as {@link System#nanoTime()}: the time of the control plane's timing (state
 * changes, slow-start ramps, drain timeouts), injected so that a test moves it by hand instead of waiting.
 */
@FunctionalInterface
public interface Ticker {
    Ticker SYSTEM = System::nanoTime;

    long nanoTime();
}
