package io.shoal.bench.internal;

import io.shoal.bench.InstanceKey;
import io.shoal.bench.LoadPlan;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What every {@link Slot} of one run shares: the connector to the target, the pre-encoded request, the tickets and the settings read
 * from the plan once, so that the per-request path only reads final fields.
 */
final class RunContext {
    /** Closed model: pause after a failed connect, so that a refused port does not spin a core. */
    static final long CONNECT_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** Bodies longer than this are read only this far when looking for the instance field. */
    static final int MAX_BODY_BYTES = 1 << 20;

    final Connector connector;
    /** The encoded request: {@code template} for HTTP/1.1, {@code h2Request} for HTTP/2; the other is null. */
    final RequestTemplate template;
    final H2Request h2Request;
    final boolean h2;
    final int streams;
    final Tickets tickets;
    final long timeoutNanos;
    final boolean openModel;
    final boolean keepAlive;
    final boolean head;
    final String jsonField;
    final String header;
    private final Runnable onSlotFinished;
    private final AtomicReference<String> abortion = new AtomicReference<>();

    RunContext(LoadPlan plan, InetSocketAddress address, Tickets tickets, Runnable onSlotFinished) {
        this.connector = new Connector(plan, address);
        this.h2 = plan.httpVersion() == LoadPlan.HttpVersion.HTTP_2;
        this.streams = plan.streams();
        this.template = h2 ? null : new RequestTemplate(plan);
        this.h2Request = h2 ? new H2Request(plan) : null;
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

    /** Stops the run because no request can succeed; the first reason given is the one reported. */
    void abort(String reason) {
        abortion.compareAndSet(null, reason);
        tickets.stop();
    }

    /** Why the run was aborted, if it was. */
    Optional<String> abortion() {
        return Optional.ofNullable(abortion.get());
    }

    /** Frees what the run held; call after the event loops have stopped. */
    void release() {
        if (template != null) {
            template.release();
        } else {
            h2Request.release();
        }
    }
}
