package io.shoal.proxy.stats;

import io.shoal.topology.StatusClassCounts;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The figures of one listener, as HAProxy's stats page shows a frontend: sessions (client connections)
 * now and at most, connections accepted, requests, bytes from and to clients, responses sent by status
 * class (Shoal's own answers included) and requests refused as malformed. Event loops write striped
 * adders; the sessions count is one atomic, touched once per connection, so that its maximum is exact.
 */
public final class ListenerStats {
    private final LongAdder accepted = new LongAdder();
    private final LongAdder handled = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final LongAdder denied = new LongAdder();
    private final StatusClassCounts responses = new StatusClassCounts();
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicInteger sessionsMax = new AtomicInteger();
    private volatile String address;

    /** @param address the configured address, until {@link #bound} tells the one the socket got */
    public ListenerStats(String address) {
        this.address = address;
    }

    /** The listening socket's address once bound (an ephemeral port resolved), as {@code host:port}. */
    public String address() {
        return address;
    }

    public void bound(String boundAddress) {
        this.address = boundAddress;
    }

    /** Client connections open now on this listener. */
    public long sessionsCurrent() {
        return sessions.get();
    }

    /** The most client connections that were open at once on this listener. */
    public long sessionsMax() {
        return sessionsMax.get();
    }

    /** Client connections accepted, including those closed at once past {@code max_connections}. */
    public long accepted() {
        return accepted.sum();
    }

    /** Accepted connections that were served (not closed at once past {@code max_connections}). */
    public long handled() {
        return handled.sum();
    }

    public long requests() {
        return requests.sum();
    }

    /** Bytes read from clients, heads included. */
    public long bytesIn() {
        return bytesIn.sum();
    }

    /** Bytes written to clients, heads included. */
    public long bytesOut() {
        return bytesOut.sum();
    }

    /** Responses of status class {@code statusClass} (1 for 1xx ... 5 for 5xx) sent to clients. */
    public long responses(int statusClass) {
        return responses.get(statusClass);
    }

    /** Requests refused as malformed (HAProxy's "denied/errors req"): answered 4xx without going upstream. */
    public long deniedRequests() {
        return denied.sum();
    }

    public void accepted(boolean served) {
        accepted.increment();
        if (served) {
            handled.increment();
            sessionsMax.accumulateAndGet(sessions.incrementAndGet(), Math::max);
        }
    }

    public void closed() {
        sessions.decrementAndGet();
    }

    public void requestArrived() {
        requests.increment();
    }

    public void read(long bytes) {
        bytesIn.add(bytes);
    }

    public void written(long bytes) {
        bytesOut.add(bytes);
    }

    /** A response went to the client, proxied or Shoal's own; counted once, where it is logged or written. */
    public void responded(int status) {
        responses.count(status);
    }

    public void denied() {
        denied.increment();
    }

    /**
     * Shoal answered a request itself, without a server: counted as a response, and as denied when the
     * request was refused as bad (400) or by a policy (403, 429), as HAProxy counts its denied requests.
     */
    public void refused(int status) {
        if (status == 400 || status == 403 || status == 429) {
            denied.increment();
        }
        responses.count(status);
    }
}
