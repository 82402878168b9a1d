package io.shoal.proxy.policy;

import io.netty.handler.codec.http.HttpResponseStatus;

/** A policy's answer to a request it stops: the status, and when to come back (0: no Retry-After). */
public record Refusal(HttpResponseStatus status, long retryAfterSeconds) {
    static final Refusal FORBIDDEN = new Refusal(HttpResponseStatus.FORBIDDEN, 0);
}
