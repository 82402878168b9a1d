package io.shoal.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Shoal that {@code --scale} drives: {@code --admin}, else the address in the nearest {@code .shoal/admin}
 * (this directory or above), with the token its changing requests need: {@code SHOAL_ADMIN_TOKEN}, else the
 * {@code admin-token} kept in that same {@code .shoal/}, so that address and token belong to one Shoal.
 */
record AdminAddress(String address, String token) {

    static AdminAddress find(String explicit, Path start) throws IOException {
        Path state = nearestStateDir(start);
        String env = System.getenv("SHOAL_ADMIN_TOKEN");
        String token = env != null && !env.isBlank() ? env.strip() : state == null ? null : read(state.resolve("admin-token"));
        if (explicit != null) {
            return new AdminAddress(explicit, token);
        }
        if (state == null) {
            throw new IOException("no running Shoal found: there is no .shoal/admin in "
                    + start.toAbsolutePath().normalize() + " or a parent directory; 'shoal up' starts one, "
                    + "--admin HOST:PORT names another");
        }
        return new AdminAddress(read(state.resolve("admin")), token);
    }

    private static Path nearestStateDir(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path state = dir.resolve(".shoal");
            if (Files.isReadable(state.resolve("admin"))) {
                return state;
            }
        }
        return null;
    }

    private static String read(Path file) throws IOException {
        return Files.isReadable(file) ? Files.readString(file).trim() : null;
    }
}
