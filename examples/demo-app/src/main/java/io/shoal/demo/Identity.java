package io.shoal.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Who answers: reported in every response so a client can count which replicas it reached (seed 000). */
record Identity(String instance, String hostname, Instant startTime, String version) {

    /** The machine's name without a DNS lookup where possible: {@code InetAddress.getLocalHost()} can stall seconds. */
    static String localHostname() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        try {
            String kernel = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
            if (!kernel.isEmpty()) {
                return kernel;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** The id used when {@code INSTANCE_ID} is unset: {@code hostname-pid}, unique per process on a machine. */
    static String defaultInstance(String hostname) {
        return hostname + "-" + ProcessHandle.current().pid();
    }
}
