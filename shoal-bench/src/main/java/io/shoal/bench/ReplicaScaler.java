package io.shoal.bench;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * What a scaling verification ({@link ScalingRun}, {@code shoal bench --scale web=1,2,4}) needs from the system
 * under test: set a service's replica count, and wait until that many replicas are ready. Kept apart so that the
 * load generator depends on nothing of Shoal: an implementation over Shoal's admin API plugs in here, and tests use
 * a fake.
 */
public interface ReplicaScaler {
    /** The replicas {@code service} is to have now (its desired count), to put it back after a scaling run. */
    int replicas(String service) throws Exception;

    /** Asks for {@code replicas} replicas of {@code service}; may return before they are ready. */
    void scale(String service, int replicas) throws Exception;

    /**
     * Returns once {@code replicas} replicas of {@code service} are ready to serve.
     *
     * @throws TimeoutException if they are not ready within {@code timeout}
     */
    void awaitReady(String service, int replicas, Duration timeout) throws Exception;
}
