package io.shoal.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty reported a leaked resource while it ran, or when one it left unreleased is
 * found after it. Needs {@link RecordingLeakDetector} as Netty's detector; with Netty's own detector it finds
 * nothing. Netty reports a leak only when a later allocation finds the leaked object collected, so this
 * collects garbage and allocates before it looks.
 */
public final class NoLeaksExtension implements AfterAllCallback {
    private static final int ROUNDS = 3;
    private static final int ALLOCATIONS_PER_ROUND = 64;

    @Override
    public void afterAll(ExtensionContext context) {
        assertNoLeaks(context.getDisplayName());
    }

    static void assertNoLeaks(String testClass) {
        for (int round = 0; round < ROUNDS; round++) {
            System.gc();
            for (int i = 0; i < ALLOCATIONS_PER_ROUND; i++) {
                ByteBuf probe = ByteBufAllocator.DEFAULT.buffer(1);
                probe.release();
            }
        }
        List<String> leaks = RecordingLeakDetector.takeLeaks();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " Netty resource leak(s) in or before " + testClass + ":\n"
                    + String.join("\n\n", leaks));
        }
    }
}
