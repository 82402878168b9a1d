package io.shoal.proxy.policy;

import io.shoal.config.PolicyConfig.Respond;

/** {@code respond}: the same answer to every request, made once. */
final class FixedAnswer implements RequestPolicy {
    private final Answer answer;

    FixedAnswer(Respond config) {
        this.answer = Answer.fixed(config.status(), config.contentType(), config.body());
    }

    @Override
    public Answer apply(PolicyRequest request) {
        return answer;
    }
}
