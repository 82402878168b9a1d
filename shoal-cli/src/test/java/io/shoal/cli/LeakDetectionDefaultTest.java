package io.shoal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A running Shoal has Netty's leak detector off (it measured 10-12 % of the CPU per request), unless asked. */
class LeakDetectionDefaultTest {
    private static final String PROPERTY = "io.netty.leakDetection.level";
    private final ResourceLeakDetector.Level before = ResourceLeakDetector.getLevel();
    private final String propertyBefore = System.getProperty(PROPERTY);

    @AfterEach
    void restore() {
        ResourceLeakDetector.setLevel(before);
        if (propertyBefore == null) {
            System.clearProperty(PROPERTY);
        } else {
            System.setProperty(PROPERTY, propertyBefore);
        }
    }

    @Test
    void offWhenNotAskedFor() {
        System.clearProperty(PROPERTY);
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);

        Launcher.leakDetectionOffUnlessAsked();

        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.DISABLED);
    }

    @Test
    void leftAsAskedWhenThePropertyIsSet() {
        System.setProperty(PROPERTY, "paranoid");
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);

        Launcher.leakDetectionOffUnlessAsked();

        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
    }
}
