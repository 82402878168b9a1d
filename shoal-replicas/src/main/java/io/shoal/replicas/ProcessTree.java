package io.shoal.replicas;

/**
 * Signals a process and everything it started, children first, so that a wrapper script's
 * children do not outlive it.
 */
final class ProcessTree {
    private ProcessTree() {}

    /** SIGTERM. */
    static void terminate(ProcessHandle root) {
        root.descendants().forEach(ProcessHandle::destroy);
        root.destroy();
    }

    /** SIGKILL. */
    static void kill(ProcessHandle root) {
        root.descendants().forEach(ProcessHandle::destroyForcibly);
        root.destroyForcibly();
    }
}
