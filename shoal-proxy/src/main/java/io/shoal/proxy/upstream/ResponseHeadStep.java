package io.shoal.proxy.upstream;

import io.shoal.config.RetryPolicy.RetryOn;
import io.shoal.config.RetryPolicy;

/** What the proxy does with a server's response head, by its status. */
enum ResponseHeadStep {
    /** 100 and 102-199: not passed on (Shoal answered {@code Expect} itself); the final head follows. */
    INTERIM(null),
    /** 101 to a WebSocket upgrade: the connections become a tunnel. */
    SWITCH_PROTOCOLS(null),
    /** 101 to a request that asked for no upgrade Shoal forwards: the server is out of step. */
    OUT_OF_STEP(null),
    /** 502, 503 or 504 that the retry policy names: a failure of the server (nginx counts it toward max_fails only then). */
    FAILED_502(RetryOn.HTTP_502),
    FAILED_503(RetryOn.HTTP_503),
    FAILED_504(RetryOn.HTTP_504),
    /** Any other final response: passed on to the client. */
    PASS_ON(null);

    private final RetryOn retryOn;

    ResponseHeadStep(RetryOn retryOn) {
        this.retryOn = retryOn;
    }

    static ResponseHeadStep of(int status, RetryPolicy retry, boolean upgradeRequested) {
        if (status == 101) {
            return upgradeRequested ? SWITCH_PROTOCOLS : OUT_OF_STEP;
        }
        if (status < 200) {
            return INTERIM;
        }
        ResponseHeadStep failed = status == 502 ? FAILED_502 : status == 503 ? FAILED_503 : status == 504 ? FAILED_504 : null;
        return failed != null && retry.retries(failed.retryOn) ? failed : PASS_ON;
    }

    boolean countsAsFailure() {
        return retryOn != null;
    }

    /** The retry policy's name for this failure; null when it is none. */
    RetryOn retryOn() {
        return retryOn;
    }
}
