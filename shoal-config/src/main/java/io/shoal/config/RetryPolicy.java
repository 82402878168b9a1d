package io.shoal.config;

import java.time.Duration;
import java.util.Set;

/**
 * When a failed attempt is tried again on another server (nginx {@code proxy_next_upstream}).
 * A request is only retried when that is safe: its method is idempotent and its body was
 * not streamed yet, or no byte of it reached the server.
 *
 * @param tries attempts at most, the first included (nginx {@code proxy_next_upstream_tries})
 * @param deadline time after which no new attempt starts (nginx {@code proxy_next_upstream_timeout})
 * @param on the failures that are retried
 */
public record RetryPolicy(int tries, Duration deadline, Set<RetryOn> on) {

    public RetryPolicy {
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
