package io.shoal.balancer;

/** A mutable pick context; allocation-free so that the allocation test measures only the balancer. */
final class TestContext implements PickContext {
    long keyHash;
    long nowNanos = 1_000_000_000L;
    private Target[] excluded = new Target[0];

    TestContext exclude(Target... targets) {
        excluded = targets;
        return this;
    }

    TestContext key(long hash) {
        keyHash = hash;
        return this;
    }

    @Override
    public long keyHash() {
        return keyHash;
    }

    @Override
    public long nowNanos() {
        return nowNanos;
    }

    @Override
    public boolean isExcluded(Target target) {
        for (Target t : excluded) {
            if (t == target) {
                return true;
            }
        }
        return false;
    }
}
