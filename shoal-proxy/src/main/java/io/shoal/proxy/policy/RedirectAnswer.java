package io.shoal.proxy.policy;

import io.shoal.config.PolicyConfig.Redirect;

/** {@code redirect}: every request sent to where the template says, with its variables in place. */
final class RedirectAnswer implements RequestPolicy {
    private final Redirect config;

    RedirectAnswer(Redirect config) {
        this.config = config;
    }

    @Override
    public Answer apply(PolicyRequest request) {
        return Answer.redirect(config.code(), request.render(config.location()));
    }
}
