package io.shoal.cli;

import io.shoal.config.AdminConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The admin endpoint's bearer token: {@code admin.token}, else the first line of {@code admin.token_file},
 * else the one generated on the first start in this directory and kept in {@code .shoal/admin-token}.
 * Whichever it is, it is (re)written there with mode 0600, so that the commands run here can send it.
 */
final class AdminTokens {
    private static final int RANDOM_BYTES = 32;

    private AdminTokens() {}

    static String resolve(AdminConfig config, StateDir state) throws IOException {
        String token = config.token() != null ? config.token()
                : config.tokenFile() != null ? fromFile(Path.of(config.tokenFile()))
                : state.adminToken().orElseGet(AdminTokens::generate);
        if (!state.adminToken().equals(Optional.of(token))) {
            state.writeAdminToken(token);
        }
        return token;
    }

    private static String fromFile(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IOException("admin.token_file: cannot read " + file + ": " + e.getMessage(), e);
        }
        String line = text.lines().findFirst().orElse("").strip();
        if (line.isEmpty()) {
            throw new IOException("admin.token_file: " + file + " is empty; it must hold the token on its first line");
        }
        return line;
    }

    private static String generate() {
        byte[] bytes = new byte[RANDOM_BYTES];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
