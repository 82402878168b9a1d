package io.shoal.config;

import java.time.Duration;
import java.util.Set;

/**
 * When a failed attempt is tried again on another server (nginx {@code proxy_next_upstream}).
 * A request is only retried when that is safe: its method is idempotent and its body was
 * not streamed yet, or no byte of it reached the server.
 *
 * @param tries attempts at most, the first included (nginx {@code proxy_next_upstream_tries})
 * @param deadline time since the request started after which no new attempt starts (nginx
 *     {@code proxy_next_upstream_timeout}); {@code 0s} is none, {@link #NO_DEADLINE}
 * @param on the failures that are retried
 */
public record RetryPolicy(int tries, Duration deadline, Set<RetryOn> on) {
    /**
     * The deadline when there is none (written {@code 0s}, as nginx's {@code proxy_next_upstream_timeout 0}):
     * retries end when the tries do. A duration no request reaches, so that comparing the time since a
     * request started with it needs no special case.
     */
    public static final Duration NO_DEADLINE = Duration.ofNanos(Long.MAX_VALUE);

    public RetryPolicy {
        deadline = deadline.isZero() ? NO_DEADLINE : deadline;
        on = Set.copyOf(on);
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(Defaults.RETRY_TRIES, Defaults.RETRY_DEADLINE, Defaults.RETRY_ON);
    }

    public boolean retries(RetryOn failure) {
        return on.contains(failure);
    }

    /** Failure kinds, named as in nginx {@code proxy_next_upstream}. */
    public enum RetryOn {
        ERROR, TIMEOUT, HTTP_502, HTTP_503, HTTP_504;

        public String configName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
