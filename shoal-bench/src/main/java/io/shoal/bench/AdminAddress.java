package io.shoal.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a Shoal started here runs its admin endpoint: {@code .shoal/admin} in this directory or above. */
final class AdminAddress {
    static final String DEFAULT = "127.0.0.1:9901";

    private AdminAddress() {}

    static String find() throws IOException {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path file = dir.resolve(".shoal").resolve("admin");
            if (Files.isReadable(file)) {
                return Files.readString(file).trim();
            }
        }
        return DEFAULT;
    }
}
