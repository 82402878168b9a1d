package io.shoal.health;

import java.util.ArrayDeque;
import java.util.Deque;

/** What a test started (backends, proxies, processes), closed newest first when the test ends. */
final class Resources implements AutoCloseable {
    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    <T extends AutoCloseable> T track(T resource) {
        started.push(resource);
        return resource;
    }

    @Override
    public void close() throws Exception {
        AutoCloseable resource;
        while ((resource = started.poll()) != null) {
            resource.close();
        }
    }
}
