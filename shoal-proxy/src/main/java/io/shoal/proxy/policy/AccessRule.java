package io.shoal.proxy.policy;

import io.shoal.config.PolicyConfig.Access;
import io.shoal.proxy.net.AddressRanges;

/** {@code allow}: only clients in the ranges pass; {@code deny}: clients in them do not. 403 otherwise. */
final class AccessRule implements RequestPolicy {
    private final AddressRanges ranges;
    private final boolean listedPass;

    AccessRule(Access config) {
        this.ranges = AddressRanges.parse(config.ranges());
        this.listedPass = config.rule() == Access.Rule.ALLOW;
    }

    @Override
    public Answer apply(PolicyRequest request) {
        return ranges.contains(request.client()) == listedPass ? null : Answer.FORBIDDEN;
    }
}
