package io.shoal.proxy.policy;

import io.shoal.config.PolicyConfig.RequestId;

/**
 * {@code request_id}: the id the client sent in the header, or a new one; the server gets it, and
 * {@code $request_id} names it from here on.
 */
final class RequestIdPolicy implements RequestPolicy {
    private final String header;

    RequestIdPolicy(RequestId config) {
        this.header = config.header();
    }

    @Override
    public Answer apply(PolicyRequest request) {
        String sent = request.request().headers().get(header);
        if (sent != null && !sent.isEmpty()) {
            request.requestId(sent);
        } else {
            request.request().headers().set(header, request.requestId());
        }
        return null;
    }
}
