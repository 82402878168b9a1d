package io.shoal.cli;

import io.netty.util.ResourceLeakDetector;
import io.shoal.admin.ConfigChanges;
import io.shoal.config.ConfigException;
import io.shoal.config.ShoalConfig;
import io.shoal.health.HealthChecker;
import io.shoal.proxy.log.AccessLog;
import io.shoal.proxy.ProxyServer;
import io.shoal.proxy.tls.CertificateWatcher;
import io.shoal.proxy.tls.TicketKeyRotation;
import io.shoal.proxy.tls.UpstreamTls;
import io.shoal.replicas.ReplicaDriver;
import io.shoal.topology.Topology;
import io.shoal.topology.TrafficSampler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * Starts Shoal for a validated configuration and keeps it up until the JVM is told to stop (Ctrl-C,
 * SIGTERM, or {@code POST /api/v1/shutdown}, which calls {@code System.exit}). Every command goes
 * through here, so they all announce listeners, report errors and shut down the same way.
 *
 * <p>Standard output gets one {@code shoal: listening on HOST:PORT (TRANSPORT)} line per listener,
 * with the port actually bound (tests and scripts parse it); Shoal's other messages go to standard
 * error. Replica output goes wherever {@link Control#console} sends it.
 */
final class Launcher {
    static final int EXIT_START_FAILED = 1;
    static final int EXIT_INVALID_CONFIG = 2;

    private Launcher() {}

    /**
     * Replicas and admin endpoint, for {@code up}, {@code demo} and {@code run} with run services.
     *
     * @param console where replica output goes
     */
    record Control(StateDir state, AdminBind admin, ReplicaDriver.LineSink console) {}

    /**
     * What is up, for the hints a command prints.
     *
     * @param admin the admin endpoint, or null without one
     * @param ready completes when the replicas started first are ready (at once without replicas)
     */
    record Started(List<InetSocketAddress> listeners, InetSocketAddress admin, CompletableFuture<Void> ready) {}

    /** Reports an invalid configuration: every problem, one per line, and nothing was started. */
    static int invalid(ConfigException e) {
        System.err.println(e.getMessage());
        return EXIT_INVALID_CONFIG;
    }

    /** The data plane alone ({@code shoal proxy}, {@code shoal run} without run services). */
    static int run(ShoalConfig config, Consumer<Started> started) throws InterruptedException {
        return run(config, null, null, started);
    }

    /**
     * Starts the proxy, its health checks and, with {@code control}, the replicas and the admin
     * endpoint; then blocks until the shutdown hook has stopped them: the admin endpoint and the
     * replicas first (so that none is restarted while Shoal stops), then the checks, the proxy and
     * the access log.
     *
     * @param file reads the configuration file again for a reload (SIGHUP, {@code shoal reload}); null in quick mode
     * @param control null for the data plane alone
     * @param started called once everything is up, after the "listening on" lines
     * @return 0 once stopped (the JVM is then already exiting), or {@link #EXIT_START_FAILED}
     */
    static int run(ShoalConfig config, ConfigChanges.Source file, Control control, Consumer<Started> started)
            throws InterruptedException {
        leakDetectionOffUnlessAsked();
        AccessLog accessLog;
        try {
            accessLog = AccessLog.open(config.accessLog());
        } catch (IOException e) {
            System.err.println("shoal: cannot open the access log: " + e);
            return EXIT_START_FAILED;
        }
        Stopper stopper = new Stopper();
        stopper.add(EventLogSetup::stop); // last to stop: it writes what the others logged while stopping
        stopper.add(accessLog);
        LogReopen.install(accessLog);
        // Registered before anything starts, so that a signal during start-up stops what already runs.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (stopper.stop()) {
                System.err.println("shoal: stopped");
            }
        }, "shoal-shutdown"));
        try {
            ControlPlane plane = control == null ? null : stopper.add(ControlPlane.prepare(control.state()));
            Topology topology = stopper.add(Topology.of(config)); // its control thread stops last
            TrafficSampler traffic = stopper.add(new TrafficSampler(topology).start());
            ProxyServer proxy = stopper.add(new ProxyServer(config, topology, accessLog));
            List<InetSocketAddress> bound = proxy.start();
            // Probes run on the data plane's loops, their results on the topology's control thread; they stop
            // before the proxy does.
            HealthChecker health = stopper.add(
                    new HealthChecker(topology, proxy.eventLoopGroup(), proxy.socketChannelType()));
            health.start();
            ConfigChanges changes = new ConfigChanges(topology, config, file, health::sync, proxy.tls()::reload);
            if (file != null) {
                HangupReload.install(changes);
            }
            if (config.tuning().gcAtStart()) {
                promoteStartupObjects();
            }
            for (InetSocketAddress address : bound) {
                System.out.println("shoal: listening on " + format(address) + " (" + proxy.transportName() + ")");
            }
            if (proxy.tls().providerName().isPresent()) {
                System.err.println("shoal: TLS by " + proxy.tls().providerName().get());
                stopper.add(CertificateWatcher.start(proxy.tls()));
                stopper.add(TicketKeyRotation.start(proxy.tls()));
            }
            proxy.tls().warnings().forEach(warning -> System.err.println("shoal: warning: " + warning));
            UpstreamTls.warnings(config).forEach(warning -> System.err.println("shoal: warning: " + warning));
            System.out.flush();
            Started up = new Started(bound, null, CompletableFuture.completedFuture(null));
            if (plane != null) {
                stopper.add(plane::stopRunning); // first to stop: the admin endpoint, then the replicas
                CompletableFuture<Void> ready = plane.start(topology, traffic, proxy, health, changes, control.admin(),
                        control.console());
                up = new Started(bound, plane.adminAddress(), ready);
                System.err.println("shoal: admin endpoint on http://" + format(up.admin()) + "/api/v1, /metrics, /status");
            }
            started.accept(up);
            System.out.flush();
        } catch (Exception e) { // ListenFailure among them: the address and why
            stopper.stop();
            System.err.println("shoal: cannot start: " + (e.getMessage() != null ? e.getMessage() : e));
            return EXIT_START_FAILED;
        }
        stopper.await();
        return 0;
    }

    /**
     * {@code tuning.gc_at_start}: one full collection once everything is built, before the first request.
     * The few megabytes that start-up leaves (configuration, parsers, Netty's and the JDK's class
     * initialisation) would otherwise sit in the young generation and be copied by every young collection
     * until they age out: with the serial collector that a one-CPU JVM picks, that made each young pause
     * about 16 ms (5-8 ms with only what the first requests initialise; docs/benchmarks.md), then Shoal's p99.
     */
    private static void promoteStartupObjects() {
        System.gc();
    }

    /**
     * Netty's default leak detector takes a stack trace of one buffer in 128: on the proxy path a stack
     * walk every few dozen requests, 10-12 % of the proxy's CPU per request (docs/benchmarks.md, "CPU per
     * request at a paced load"). Off in a running Shoal unless {@code io.netty.leakDetection.level} is set
     * ({@code -Dio.netty.leakDetection.level=simple}); the tests run paranoid.
     */
    static void leakDetectionOffUnlessAsked() {
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
    }

    /** {@code 127.0.0.1:8080}, or {@code [::1]:8080} for IPv6. */
    static String format(InetSocketAddress address) {
        String host = address.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /**
     * Stops what was started, once, in the reverse order of starting (so the admin endpoint and the
     * replicas go first, the access log last), whether start-up failed or a signal came.
     */
    private static final class Stopper {
        private final Deque<AutoCloseable> started = new ArrayDeque<>();
        private final CountDownLatch stopped = new CountDownLatch(1);
        private boolean stopping;

        /** Remembers {@code resource} to stop it; when stopping has begun already, stops it now and aborts start-up. */
        <T extends AutoCloseable> T add(T resource) {
            synchronized (this) {
                if (!stopping) {
                    started.push(resource);
                    return resource;
                }
            }
            close(resource);
            throw new IllegalStateException("stopping");
        }

        /** False when it was already stopped. */
        boolean stop() {
            List<AutoCloseable> toStop;
            synchronized (this) {
                if (stopping) {
                    return false;
                }
                stopping = true;
                toStop = List.copyOf(started);
            }
            toStop.forEach(Stopper::close);
            stopped.countDown();
            return true;
        }

        private static void close(AutoCloseable resource) {
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("shoal: while stopping: " + e);
            }
        }

        void await() throws InterruptedException {
            stopped.await();
        }
    }
}
