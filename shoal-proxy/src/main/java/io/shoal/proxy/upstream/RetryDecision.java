package io.shoal.proxy.upstream;

import io.shoal.config.RetryPolicy.RetryOn;
import io.shoal.config.RetryPolicy;

/**
 * Whether a failed attempt is tried again on another server (nginx {@code proxy_next_upstream}): only
 * when that is safe, meaning no byte of the request reached a server, or its method is idempotent and
 * it has no body to send again; and only for the failures the policy names, within its tries and deadline.
 */
final class RetryDecision {
    private RetryDecision() {}

    /**
     * @param sent whether the failed attempt had sent the request's head
     * @param tries attempts made so far, the failed one included
     * @param elapsedNanos time since the request arrived
     */
    static boolean retries(RetryPolicy policy, RetryOn failure, boolean sent, boolean replayable, int tries,
                           long elapsedNanos) {
        return (!sent || replayable)
                && policy.retries(failure)
                && tries < policy.tries()
                && elapsedNanos < policy.deadline().toNanos();
    }
}
