package io.shoal.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the active health checks of one server found: the last {@value #RECENT} results and the counts
 * of passes and failures. Its one checker records; any thread reads.
 */
public final class HealthCheckRecord {
    static final int RECENT = 5;

    private volatile List<CheckResult> recent = List.of();
    private final LongAdder passed = new LongAdder();
    private final LongAdder failed = new LongAdder();

    /** Once per check: copying a few results is cheap at that rate. */
    public void record(CheckResult result) {
        (result.passed() ? passed : failed).increment();
        List<CheckResult> checks = new ArrayList<>(recent);
        if (checks.size() == RECENT) {
            checks.remove(0);
        }
        checks.add(result);
        recent = List.copyOf(checks);
    }

    /** The latest check, or null before the first. */
    public CheckResult last() {
        List<CheckResult> checks = recent;
        return checks.isEmpty() ? null : checks.get(checks.size() - 1);
    }

    /** The last {@value #RECENT} checks, oldest first. */
    public List<CheckResult> recent() {
        return recent;
    }

    /** Checks that passed ({@code true}) or failed since the server was created. */
    public long count(boolean passed) {
        return passed ? this.passed.sum() : failed.sum();
    }
}
