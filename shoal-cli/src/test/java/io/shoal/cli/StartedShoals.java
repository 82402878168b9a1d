package io.shoal.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts {@link RunningShoal}s for a test and stops every one of them after it, newest first, whether
 * the test passed or not ({@link RunningShoal#close} may run twice: a test may stop one itself).
 * Register with {@code @RegisterExtension final StartedShoals shoals = new StartedShoals();}.
 */
final class StartedShoals implements AfterEachCallback {
    private final Deque<RunningShoal> started = new ArrayDeque<>();

    RunningShoal up(Path dir, String... extraArgs) throws IOException, InterruptedException {
        return up(ShoalProcess::startIn, dir, extraArgs);
    }

    RunningShoal up(RunningShoal.Starter starter, Path dir, String... extraArgs) throws IOException, InterruptedException {
        RunningShoal shoal = RunningShoal.up(starter, dir, extraArgs);
        started.push(shoal);
        return shoal;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        RunningShoal shoal;
        while ((shoal = started.poll()) != null) {
            shoal.close();
        }
    }
}
