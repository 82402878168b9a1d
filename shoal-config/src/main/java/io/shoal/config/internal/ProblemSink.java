package io.shoal.config.internal;

/** Receives problems named by key path (see {@link KeyPaths}); the validator reports through this. */
@FunctionalInterface
public interface ProblemSink {
    void add(String path, String message);
}
