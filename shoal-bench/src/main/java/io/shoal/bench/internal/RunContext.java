package io.shoal.bench.internal;

import io.shoal.bench.InstanceKey;
import io.shoal.bench.LoadPlan;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * What every {@link Slot} of one run shares: the target, the pre-encoded request, the tickets and the settings read
 * from the plan once, so that the per-request path only reads final fields.
 */
final class RunContext {
    /** Closed model: pause after a failed connect, so that a refused port does not spin a core. */
    static final long CONNECT_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** Bodies longer than this are read only this far when looking for the instance field. */
    static final int MAX_BODY_BYTES = 1 << 20;

    final InetSocketAddress address;
    final RequestTemplate template;
    final Tickets tickets;
    final long timeoutNanos;
    final boolean openModel;
    final boolean keepAlive;
    final boolean head;
    final String jsonField;
    final String header;
    private final Runnable onSlotFinished;

    RunContext(LoadPlan plan, InetSocketAddress address, Tickets tickets, Runnable onSlotFinished) {
        this.address = address;
        this.template = new RequestTemplate(plan);
        this.tickets = tickets;
        this.timeoutNanos = plan.timeout().toNanos();
        this.openModel = plan.openModel();
        this.keepAlive = plan.keepAlive();
        this.head = plan.method().equals("HEAD");
        InstanceKey key = plan.instanceKey().orElse(null);
        this.jsonField = key != null && key.source() == InstanceKey.Source.JSON_FIELD ? key.name() : null;
        this.header = key != null && key.source() == InstanceKey.Source.HEADER ? key.name() : null;
        this.onSlotFinished = onSlotFinished;
    }

    void slotFinished() {
        onSlotFinished.run();
    }

    /** Frees what the run held; call after the event loops have stopped. */
    void release() {
        template.release();
    }
}
