package io.shoal.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a Shoal started here runs its admin endpoint ({@code .shoal/admin} in this directory or above), and
 * the token its changing requests need ({@code SHOAL_ADMIN_TOKEN}, else {@code .shoal/admin-token}).
 */
final class AdminAddress {
    static final String DEFAULT = "127.0.0.1:9901";

    private AdminAddress() {}

    static String find() throws IOException {
        return nearest("admin", DEFAULT);
    }

    /** The admin token, or null when there is none to send. */
    static String token() throws IOException {
        String env = System.getenv("SHOAL_ADMIN_TOKEN");
        return env != null && !env.isBlank() ? env.strip() : nearest("admin-token", null);
    }

    private static String nearest(String name, String fallback) throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path file = dir.resolve(".shoal").resolve(name);
            if (Files.isReadable(file)) {
                return Files.readString(file).trim();
            }
        }
        return fallback;
    }
}
