package io.shoal.proxy.tls;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Gives every TLS listener a new session ticket key each {@link TicketKeys#ROTATION}, on a thread of its own. */
public final class TicketKeyRotation implements AutoCloseable {
    private final ScheduledExecutorService timer;

    private TicketKeyRotation(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    public static TicketKeyRotation start(TlsListeners tls) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "shoal-ticket-keys");
            thread.setDaemon(true);
            return thread;
        });
        long every = TicketKeys.ROTATION.toMillis();
        timer.scheduleAtFixedRate(tls::rotateTicketKeys, every, every, TimeUnit.MILLISECONDS);
        return new TicketKeyRotation(timer);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
