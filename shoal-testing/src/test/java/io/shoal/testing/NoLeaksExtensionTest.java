package io.shoal.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakTracker;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NoLeaksExtensionTest {
    private final ResourceLeakDetector.Level levelBefore = ResourceLeakDetector.getLevel();
    private final RecordingLeakDetector<Object> detector = new RecordingLeakDetector<>(Resource.class, 1);

    /** A resource type of its own, so that the detector's dedup of identical reports spans this test only. */
    private static final class Resource {}

    @BeforeEach
    void paranoid() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @AfterEach
    void restore() {
        ResourceLeakDetector.setLevel(levelBefore);
    }

    @Test
    void aResourceNeverReleasedFailsTheTestClass() {
        trackAndDrop();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            trackAndRelease();
            assertThatThrownBy(() -> NoLeaksExtension.assertNoLeaks("LeakyTest"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("in or before LeakyTest")
                    .hasMessageContaining(Resource.class.getSimpleName());
        });
    }

    @Test
    void releasedResourcesPass() {
        for (int i = 0; i < 10; i++) {
            trackAndRelease();
        }

        assertThatCode(() -> NoLeaksExtension.assertNoLeaks("TidyTest")).doesNotThrowAnyException();
    }

    private void trackAndDrop() {
        detector.track(new Resource());
    }

    /** Tracking runs the detector's check for collected, unreleased resources (at the paranoid level). */
    private void trackAndRelease() {
        System.gc();
        Resource resource = new Resource();
        ResourceLeakTracker<Object> tracker = detector.track(resource);
        tracker.close(resource);
    }
}
