package io.shoal.config;

import java.time.Duration;
import java.util.List;

/**
 * An active health check, with HAProxy's semantics: {@code rise} consecutive passes make a server UP,
 * {@code fall} consecutive failures make it DOWN.
 *
 * @param type {@code http}: a request whose answer must match; {@code tcp}: a connect, optionally
 *     followed by {@code send} and a wait for {@code expect} (HAProxy {@code tcp-check}); {@code grpc}: the
 *     gRPC health protocol's {@code grpc.health.v1.Health/Check} over h2c, passing on SERVING
 * @param method HTTP method of the check request
 * @param path HTTP path of the check request
 * @param host Host header of the check request, or null for the server's address
 * @param expectStatus accepted status codes (HTTP); default 200-399
 * @param bodyContains substring the body must contain (nginx Plus {@code match}), or null
 * @param bodyRegex regular expression the body must match somewhere, or null
 * @param send bytes written after a TCP connect, or null for connect only
 * @param expect text the TCP answer must contain, or null
 * @param interval time between checks of a server (HAProxy {@code inter})
 * @param fastInterval time between checks while a server is changing state or DOWN (HAProxy {@code fastinter})
 * @param jitter fraction of the interval by which each check is moved at random, so that checks of
 *     many servers do not fire in lockstep (HAProxy {@code spread-checks})
 * @param timeout time one check may take
 * @param rise consecutive passes that bring a server UP
 * @param fall consecutive failures that take a server DOWN
 * @param initiallyUp whether a new server starts UP (true) or must first pass {@code rise} checks (false, the default)
 * @param grpcService {@code grpc}: the service name asked about, or null for the server as a whole ({@code ""})
 */
public record HealthCheckConfig(
        Type type, String method, String path, String host, List<StatusRange> expectStatus,
        String bodyContains, String bodyRegex, String send, String expect,
        Duration interval, Duration fastInterval, double jitter, Duration timeout,
        int rise, int fall, boolean initiallyUp, String grpcService) {

    public HealthCheckConfig {
        expectStatus = List.copyOf(expectStatus);
    }

    /** A gRPC health check of the server as a whole, with every other setting at its default. */
    public static HealthCheckConfig grpc() {
        return new HealthCheckConfig(Type.GRPC, null, null, null, List.of(), null, null,
                null, null, Defaults.CHECK_INTERVAL, Defaults.CHECK_INTERVAL, Defaults.CHECK_JITTER,
                Defaults.CHECK_TIMEOUT, Defaults.CHECK_RISE, Defaults.CHECK_FALL, false, null);
    }

    /** An HTTP GET of {@code path} with every other setting at its default. */
    public static HealthCheckConfig http(String path) {
        return new HealthCheckConfig(Type.HTTP, "GET", path, null, List.of(new StatusRange(200, 399)), null, null,
                null, null, Defaults.CHECK_INTERVAL, Defaults.CHECK_INTERVAL, Defaults.CHECK_JITTER,
                Defaults.CHECK_TIMEOUT, Defaults.CHECK_RISE, Defaults.CHECK_FALL, false, null);
    }

    /**
     * A TCP connect check (HAProxy {@code check} without {@code option httpchk}) with every other setting at
     * its default; the HTTP-only components are null, or empty for {@code expectStatus}.
     */
    public static HealthCheckConfig tcp() {
        return new HealthCheckConfig(Type.TCP, null, null, null, List.of(), null, null,
                null, null, Defaults.CHECK_INTERVAL, Defaults.CHECK_INTERVAL, Defaults.CHECK_JITTER,
                Defaults.CHECK_TIMEOUT, Defaults.CHECK_RISE, Defaults.CHECK_FALL, false, null);
    }

    /**
     * The check a {@code run} service gets when it has none: a TCP connect every
     * {@link Defaults#READY_CHECK_INTERVAL} ({@link Defaults#READY_CHECK_FAST_INTERVAL} while DOWN), starting
     * DOWN, so that a new replica takes traffic only once it accepts connections, after
     * {@link Defaults#READY_CHECK_RISE} pass, and leaves after {@link Defaults#READY_CHECK_FALL} failures.
     */
    public static HealthCheckConfig readiness() {
        return new HealthCheckConfig(Type.TCP, null, null, null, List.of(), null, null,
                null, null, Defaults.READY_CHECK_INTERVAL, Defaults.READY_CHECK_FAST_INTERVAL, Defaults.CHECK_JITTER,
                Defaults.READY_CHECK_TIMEOUT, Defaults.READY_CHECK_RISE, Defaults.READY_CHECK_FALL, false, null);
    }

    public enum Type {
        HTTP, TCP, GRPC;

        /** The name written in the configuration: {@code http}, {@code tcp}, {@code grpc}. */
        public String configName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** An inclusive range of status codes, e.g. 200-399, or one code when {@code from == to}. */
    public record StatusRange(int from, int to) {
        public boolean contains(int status) {
            return status >= from && status <= to;
        }
    }
}
