package io.shoal.topology;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The control plane's one thread, {@value #THREAD_NAME}: it applies every change to a topology (health
 * results, slow-start ramps, drains, weights, servers added or removed, reloads) and alone rebuilds its
 * snapshots, so that the data plane's event loops only read them and changes need no locks.
 * Threading: any thread may hand it work; {@link #call} from another thread waits for the work to be done.
 */
public final class ControlLoop implements AutoCloseable {
    static final String THREAD_NAME = "shoal-control";

    private volatile Thread thread;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread created = new Thread(task, THREAD_NAME);
        created.setDaemon(true);
        thread = created;
        return created;
    });

    ControlLoop() {}

    /** True on the control thread. */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on the control thread, later; dropped once the topology is closed. */
    public void execute(Runnable task) {
        try {
            executor.execute(reported(task));
        } catch (RejectedExecutionException closed) {
            // The topology is closed: there is nothing left to apply a late result to.
        }
    }

    public ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
        return executor.schedule(reported(task), delayNanos, TimeUnit.NANOSECONDS);
    }

    /** Runs {@code task} every {@code period}, the first time after one period. */
    public ScheduledFuture<?> every(Duration period, Runnable task) {
        return executor.scheduleWithFixedDelay(reported(task), period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Runs {@code work} on the control thread and returns its result: at once there, else after waiting for it. */
    public <T> T call(Supplier<T> work) {
        if (inLoop()) {
            return work.get();
        }
        try {
            return executor.submit(work::get).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the control thread", e);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the topology is closed", e);
        }
    }

    public void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /**
     * An executor keeps what a task throws in its future, which nobody reads for these: reported as an
     * uncaught exception instead, and a periodic task goes on.
     */
    private static Runnable reported(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                Thread current = Thread.currentThread();
                current.getUncaughtExceptionHandler().uncaughtException(current, e);
            }
        };
    }
}
