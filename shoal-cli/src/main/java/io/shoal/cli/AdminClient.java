package io.shoal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.time.Duration;
import java.util.Optional;

/**
 * How {@code shoal ps}, {@code scale}, {@code logs}, {@code rollout} and {@code down} reach the running
 * Shoal: its admin endpoint, at {@code --admin} if given, else at the address in the nearest
 * {@code .shoal/admin} (this directory or a parent); with neither, there is no Shoal to talk to, rather than
 * a guess at a default port that may belong to somebody else's Shoal. Every request carries the admin token:
 * {@code SHOAL_ADMIN_TOKEN} if set, else the {@code admin-token} beside that {@code .shoal/admin}.
 */
final class AdminClient {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration QUICK = Duration.ofSeconds(10);
    private static final int CONNECT_TIMEOUT_MILLIS = 3000;

    static {
        // A rollout is not idempotent: never let HttpURLConnection send a POST twice on its own.
        System.setProperty("sun.net.http.retryPost", "false");
    }

    static final String TOKEN_ENV = "SHOAL_ADMIN_TOKEN";

    private final String address;
    private final String source;
    private final String token;
    /** The directory the Shoal was started from, when its {@code .shoal/admin} named the address. */
    private final Optional<Path> startedIn;

    AdminClient(String address, String source, String token) {
        this(address, source, token, Optional.empty());
    }

    private AdminClient(String address, String source, String token, Optional<Path> startedIn) {
        this.address = address;
        this.source = source;
        this.token = token;
        this.startedIn = startedIn;
    }

    /**
     * The Shoal whose {@code .shoal/admin} is nearest to {@code start} (or at {@code explicit}), with the token
     * kept in that same {@code .shoal}: address and token always come from one place.
     */
    static AdminClient locate(String explicit, Path start) {
        Optional<StateDir> state = StateDir.find(start);
        String token = tokenFromEnvironment().or(() -> state.flatMap(StateDir::adminToken)).orElse(null);
        if (explicit != null) {
            return new AdminClient(explicit, "--admin", token);
        }
        Optional<String> address = state.flatMap(StateDir::adminAddress);
        if (address.isEmpty()) {
            throw new NoShoalFound("no running Shoal found: there is no " + StateDir.NAME + "/admin in "
                    + start.toAbsolutePath().normalize() + " or a parent directory; "
                    + "'shoal up' starts one, --admin HOST:PORT names another");
        }
        return new AdminClient(address.get(), "from " + state.get().adminFile(), token,
                Optional.of(state.get().dir().getParent()));
    }

    /** A line naming the Shoal talked to, when it was started from a directory other than {@code here}. */
    Optional<String> elsewhere(Path here) {
        Path current = here.toAbsolutePath().normalize();
        return startedIn.filter(dir -> !dir.equals(current))
                .map(dir -> "shoal: talking to the Shoal at " + address + " started in " + dir);
    }

    private static Optional<String> tokenFromEnvironment() {
        String env = System.getenv(TOKEN_ENV);
        return env == null || env.isBlank() ? Optional.empty() : Optional.of(env.strip());
    }

    String address() {
        return address;
    }

    JsonNode get(String path) throws Failure {
        return send("GET", path, null, QUICK);
    }

    /** POSTs {@code body} as JSON; {@code timeout} is how long to wait for the answer. */
    JsonNode post(String path, Object body, Duration timeout) throws Failure {
        try {
            return send("POST", path, JSON.writeValueAsBytes(body), timeout);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PUTs {@code body} as JSON and answers quickly (weights, server states). */
    JsonNode put(String path, Object body) throws Failure {
        try {
            return send("PUT", path, JSON.writeValueAsBytes(body), QUICK);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    JsonNode delete(String path, Duration timeout) throws Failure {
        return send("DELETE", path, null, timeout);
    }

    /** With {@link HttpURLConnection}: it starts in a fraction of the JDK HttpClient's time, which a CLI notices. */
    private JsonNode send(String method, String path, byte[] body, Duration timeout) throws Failure {
        HttpURLConnection connection;
        int status;
        String text;
        try {
            connection = (HttpURLConnection) URI.create("http://" + address + "/api/v1" + path).toURL().openConnection();
            connection.setRequestMethod(method);
            connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
            connection.setReadTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            if (token != null) {
                connection.setRequestProperty("Authorization", "Bearer " + token);
            }
            if (body != null) {
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", "application/json");
                connection.setFixedLengthStreamingMode(body.length);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body);
                }
            }
            status = connection.getResponseCode();
            try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (ConnectException | SocketTimeoutException e) {
            if (e instanceof SocketTimeoutException
                    && !String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("connect")) {
                throw new Failure(0, "the admin endpoint at " + address + " did not answer within "
                        + timeout.toSeconds() + "s");
            }
            throw new Failure(0, "no Shoal answers at " + address + " (" + source + "); 'shoal up' starts one");
        } catch (IOException e) {
            throw new Failure(0, "the admin endpoint at " + address + " did not answer: " + e);
        }
        JsonNode json;
        try {
            json = JSON.readTree(text);
        } catch (IOException e) {
            throw new Failure(status, "unexpected answer from " + address + ": HTTP " + status + " " + text);
        }
        if (status >= 300) {
            throw new Failure(status, json.path("error").asText("HTTP " + status), json);
        }
        return json;
    }

    /** Neither {@code --admin} nor a {@code .shoal/admin} says where a Shoal is. */
    static final class NoShoalFound extends RuntimeException {
        NoShoalFound(String message) {
            super(message, null, false, false);
        }
    }

    /** The admin endpoint said no, or could not be reached ({@link #status} 0). */
    static final class Failure extends Exception {
        private final int status;
        private final transient JsonNode body;

        Failure(int status, String message) {
            this(status, message, null);
        }

        Failure(int status, String message, JsonNode body) {
            super(message, null, false, false);
            this.status = status;
            this.body = body;
        }

        int status() {
            return status;
        }

        boolean unreachable() {
            return status == 0;
        }

        /**
         * 2 when the admin endpoint refused what the user typed (HTTP 400: a bad value, an invalid file to
         * reload), as picocli exits for a usage error: both mean "fix your input"; else 1, the operation failed.
         */
        int exitCode() {
            return status == 400 ? Launcher.EXIT_INVALID_CONFIG : 1;
        }

        JsonNode body() {
            return body;
        }
    }
}
