package io.shoal.cli;

import io.shoal.config.ConfigException;
import io.shoal.config.QuickConfig;
import io.shoal.config.ShoalConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code shoal demo}: the first thing a newcomer runs. Starts three {@link DemoBackends} and the load
 * balancer in front of them, round robin, and says what to try.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start three demo backends and the load balancer in front of them, round robin.")
final class DemoCommand implements Callable<Integer> {
    private static final int INSTANCES = 3;

    @Option(names = "--listen", defaultValue = "127.0.0.1:8080", paramLabel = "HOST:PORT",
            description = "Address of the load balancer; port 0 picks a free one (default: ${DEFAULT-VALUE}).")
    String listen;

    @Override
    public Integer call() throws IOException, InterruptedException {
        DemoBackends backends = DemoBackends.start(INSTANCES);
        ShoalConfig config;
        try {
            config = QuickConfig.builder().listen(listen).backends(backends.addresses()).build();
        } catch (ConfigException e) {
            backends.close();
            return Launcher.invalid(e);
        }
        return Launcher.run(config, bound -> printHints(bound.get(0), backends.addresses()), backends);
    }

    private static void printHints(InetSocketAddress proxy, List<String> backends) {
        String url = proxy.getAddress().isLoopbackAddress() || proxy.getAddress().isAnyLocalAddress()
                ? "localhost:" + proxy.getPort() : Launcher.format(proxy);
        System.out.println("shoal demo: round robin over " + backends.size() + " demo backends: "
                + String.join(", ", backends));
        System.out.println();
        System.out.println("Try:");
        System.out.println("  curl " + url + "            # a few times: the instance rotates demo-1, demo-2, demo-3");
        System.out.println("  for i in $(seq 6); do curl -s " + url + "; echo; done");
        System.out.println("  curl " + url + "/health");
        System.out.println();
        System.out.println("Ctrl-C stops.");
    }
}
