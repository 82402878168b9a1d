package io.shoal.topology;

/**
 * Told of every state change of every server. Threading: called on the topology's {@link ControlLoop}, so a
 * listener hands anything slow or blocking to a thread of its own.
 */
@FunctionalInterface
public interface ServerListener {
    void stateChanged(Server server, ServerStatus previous, ServerStatus current);
}
