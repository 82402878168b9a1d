package io.shoal.cli;

import io.shoal.config.ConfigException;
import io.shoal.config.ShoalConfig;
import io.shoal.health.HealthChecker;
import io.shoal.proxy.AccessLog;
import io.shoal.proxy.ProxyServer;
import io.shoal.topology.Topology;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * Starts the data plane for a validated configuration and keeps it up until the JVM is told to stop
 * (Ctrl-C, SIGTERM). Every command goes through here, so they all announce listeners, report errors
 * and shut down the same way.
 *
 * <p>Standard output gets one {@code shoal: listening on HOST:PORT (TRANSPORT)} line per listener,
 * with the port actually bound (tests and scripts parse it); everything else goes to standard error.
 */
final class Launcher {
    static final int EXIT_START_FAILED = 1;
    static final int EXIT_INVALID_CONFIG = 2;

    private Launcher() {}

    /** Reports an invalid configuration: every problem, one per line, and nothing was started. */
    static int invalid(ConfigException e) {
        System.err.println(e.getMessage());
        return EXIT_INVALID_CONFIG;
    }

    /**
     * Starts the proxy and blocks until the shutdown hook has closed the proxy, the access log and then
     * {@code companions} (e.g. demo backends), in that order.
     *
     * @param started called with the bound listener addresses, after the "listening on" lines
     * @return 0 once stopped (the JVM is then already exiting), or {@link #EXIT_START_FAILED}
     */
    static int run(ShoalConfig config, Consumer<List<InetSocketAddress>> started, AutoCloseable... companions)
            throws InterruptedException {
        List<AutoCloseable> toClose = new ArrayList<>();
        AccessLog accessLog;
        try {
            accessLog = AccessLog.open(config.accessLog());
        } catch (IOException e) {
            closeAll(List.of(companions));
            System.err.println("shoal: cannot open the access log: " + e);
            return EXIT_START_FAILED;
        }
        Topology topology = Topology.of(config);
        ProxyServer proxy = new ProxyServer(config, topology, accessLog);
        toClose.add(proxy);
        toClose.add(accessLog);
        toClose.addAll(List.of(companions));
        try {
            List<InetSocketAddress> bound = proxy.start();
            // Checks run on the data plane's loops; they stop before the proxy does.
            HealthChecker health = new HealthChecker(topology, proxy.eventLoopGroup(), proxy.socketChannelType());
            toClose.add(0, health);
            health.start();
            for (InetSocketAddress address : bound) {
                System.out.println("shoal: listening on " + format(address) + " (" + proxy.transportName() + ")");
            }
            started.accept(bound);
            System.out.flush();
        } catch (Exception e) { // start() rethrows bind failures (checked IOExceptions) undeclared
            closeAll(toClose);
            System.err.println("shoal: cannot start: " + (e.getMessage() != null ? e.getMessage() : e));
            return EXIT_START_FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            closeAll(toClose);
            System.err.println("shoal: stopped");
            stopped.countDown();
        }, "shoal-shutdown"));
        stopped.await();
        return 0;
    }

    /** {@code 127.0.0.1:8080}, or {@code [::1]:8080} for IPv6. */
    static String format(InetSocketAddress address) {
        String host = address.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("shoal: while stopping: " + e);
            }
        }
    }
}
