package io.shoal.proxy.net;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many client connections each address holds, for {@code max_connections_per_client} (nginx's
 * {@code limit_conn} by {@code $binary_remote_addr}, HAProxy's {@code src_conn_cur}). An address leaves
 * the map with its last connection, so the map holds only the addresses connected now. Shared by the
 * event loops: each change is one atomic update of the address's entry.
 */
public final class ConnectionsPerAddress {
    private final int limit;
    private final ConcurrentHashMap<InetAddress, Integer> open = new ConcurrentHashMap<>();

    /** @param limit connections one address may hold; 0: no limit, and nothing is counted */
    public ConnectionsPerAddress(int limit) {
        this.limit = limit;
    }

    /** Counts a new connection from {@code address}; false, counting nothing, when it would pass the limit. */
    public boolean tryOpen(InetAddress address) {
        if (limit == 0) {
            return true;
        }
        boolean[] admitted = new boolean[1];
        open.compute(address, (a, count) -> {
            int now = count == null ? 0 : count;
            admitted[0] = now < limit;
            return admitted[0] ? now + 1 : count;
        });
        return admitted[0];
    }

    /** A connection counted by {@link #tryOpen} closed. */
    public void closed(InetAddress address) {
        if (limit > 0) {
            open.computeIfPresent(address, (a, count) -> count == 1 ? null : count - 1);
        }
    }
}
