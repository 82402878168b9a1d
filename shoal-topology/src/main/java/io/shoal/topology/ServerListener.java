package io.shoal.topology;

/** Told of every state change of every server; called on the thread that made the change. */
@FunctionalInterface
public interface ServerListener {
    void stateChanged(Server server, ServerStatus previous, ServerStatus current);
}
