package io.shoal.proxy.policy;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.shoal.config.PolicyConfig.RateLimit;
import java.net.InetAddress;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A token bucket per key, kept as one number, the time at which the bucket would be full again (the
 * generic cell rate algorithm): a request moves it one interval ahead, and is refused when that would
 * put it further ahead than the burst allows. One compare-and-set per request, shared by every event
 * loop. A client whose bucket is full again is forgotten once many are known; past
 * {@value #MAX_CLIENTS} clients with requests in their buckets, new ones are refused (as nginx answers
 * when its {@code limit_req} zone is full).
 */
final class RateLimiter implements RequestPolicy {
    static final int MAX_CLIENTS = 100_000;
    private static final int SWEEP_ABOVE = 10_000;

    private final long intervalNanos;
    private final long toleranceNanos;
    private final RateLimit.Key key;
    private final AtomicLong routeBucket = new AtomicLong(Long.MIN_VALUE);
    private final ConcurrentHashMap<InetAddress, AtomicLong> clientBuckets = new ConcurrentHashMap<>();

    RateLimiter(RateLimit config) {
        this.intervalNanos = Math.max(1, Math.round(TimeUnit.SECONDS.toNanos(1) / config.perSecond()));
        this.toleranceNanos = (config.burst() - 1) * intervalNanos;
        this.key = config.key();
    }

    @Override
    public Answer apply(PolicyRequest request) {
        return check(request.client(), request.nowNanos());
    }

    Answer check(InetAddress client, long nowNanos) {
        AtomicLong bucket = key == RateLimit.Key.ROUTE ? routeBucket : clientBucket(client, nowNanos);
        if (bucket == null) {
            return Answer.retryAfter(HttpResponseStatus.TOO_MANY_REQUESTS, retryAfterSeconds(intervalNanos));
        }
        while (true) {
            long full = bucket.get();
            long next = (full == Long.MIN_VALUE || full - nowNanos < 0 ? nowNanos : full) + intervalNanos;
            long ahead = next - nowNanos - toleranceNanos - intervalNanos;
            if (ahead > 0) {
                return Answer.retryAfter(HttpResponseStatus.TOO_MANY_REQUESTS, retryAfterSeconds(ahead));
            }
            if (bucket.compareAndSet(full, next)) {
                return null;
            }
        }
    }

    private AtomicLong clientBucket(InetAddress client, long nowNanos) {
        AtomicLong bucket = clientBuckets.get(client);
        if (bucket != null) {
            return bucket;
        }
        if (clientBuckets.size() >= SWEEP_ABOVE) {
            forgetFullBuckets(nowNanos);
            if (clientBuckets.size() >= MAX_CLIENTS) {
                return null;
            }
        }
        return clientBuckets.computeIfAbsent(client, c -> new AtomicLong(Long.MIN_VALUE));
    }

    /** A bucket that is full again holds nothing a new one would not. */
    private void forgetFullBuckets(long nowNanos) {
        for (Iterator<AtomicLong> it = clientBuckets.values().iterator(); it.hasNext(); ) {
            if (it.next().get() - nowNanos <= 0) {
                it.remove();
            }
        }
    }

    /** Whole seconds, rounded up: a client told 0 would come back at once. */
    private static long retryAfterSeconds(long nanos) {
        return Math.max(1, (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
    }
}
