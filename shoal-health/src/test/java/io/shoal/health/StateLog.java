package io.shoal.health;

import io.shoal.topology.Server;
import io.shoal.topology.ServerListener;
import io.shoal.topology.ServerState;
import io.shoal.topology.ServerStatus;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every state change the topology reports, with the monotonic time it was made. */
final class StateLog implements ServerListener {
    record Change(Server server, ServerState from, ServerState to, String reason, long atNanos) {}

    final List<Change> changes = new CopyOnWriteArrayList<>();

    @Override
    public void stateChanged(Server server, ServerStatus previous, ServerStatus current) {
        changes.add(new Change(server, previous.state(), current.state(), current.reason(), System.nanoTime()));
    }

    /** The first change of {@code server} to {@code state} made at or after {@code sinceNanos}. */
    Optional<Change> first(Server server, ServerState state, long sinceNanos) {
        return changes.stream()
                .filter(c -> c.server() == server && c.to() == state && c.atNanos() - sinceNanos >= 0)
                .findFirst();
    }

    List<Change> of(Server server) {
        return changes.stream().filter(c -> c.server() == server).toList();
    }
}
