package io.shoal.testing;

import io.netty.util.ResourceLeakDetector;
import java.util.ArrayList;
import java.util.List;

/**
 * Netty's leak detector, which also keeps what it reports so that {@link NoLeaksExtension} can fail the
 * tests: Netty itself only logs "LEAK:" at ERROR. Netty builds it for every tracked resource type when the
 * JVM runs with {@code -Dio.netty.customResourceLeakDetector=io.shoal.testing.RecordingLeakDetector}.
 */
public final class RecordingLeakDetector<T> extends ResourceLeakDetector<T> {
    private static final List<String> LEAKS = new ArrayList<>();

    public RecordingLeakDetector(Class<?> resourceType, int samplingInterval) {
        super(resourceType, samplingInterval);
    }

    /**
     * The constructor Netty's factory looks up first (and logs an error without); {@code maxActive} is
     * ignored by Netty's own detector too.
     */
    public RecordingLeakDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
        this(resourceType, samplingInterval);
    }

    /** The leaks reported since the last call, and forgets them. */
    static synchronized List<String> takeLeaks() {
        List<String> leaks = List.copyOf(LEAKS);
        LEAKS.clear();
        return leaks;
    }

    private static synchronized void record(String leak) {
        LEAKS.add(leak);
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
        super.reportTracedLeak(resourceType, records);
        record(resourceType + " was not released; recent access records:" + records);
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
        super.reportUntracedLeak(resourceType);
        record(resourceType + " was not released (no access records: raise the leak detection level)");
    }
}
