package io.shoal.cli;

import io.shoal.config.ConfigException;
import io.shoal.config.Counts;
import io.shoal.config.ListenerConfig;
import io.shoal.config.RunConfig;
import io.shoal.config.ServiceConfig;
import io.shoal.config.ShoalConfig;
import io.shoal.config.YamlConfigLoader;
import io.shoal.config.Values;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code shoal demo}: the first thing a newcomer runs. It is {@code shoal up -f examples/demo/shoal.yaml}
 * from the checkout that holds this jar, whatever the current directory: two replicas of
 * {@code examples/demo-app} behind the load balancer on 127.0.0.1:8080. It says what to try.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run two replicas of the demo app behind the load balancer (shoal up with examples/demo/shoal.yaml).",
                "Ctrl-C stops everything."})
final class DemoCommand implements Callable<Integer> {
    static final String CONFIG = "examples/demo/shoal.yaml";
    static final String DEMO_APP_JAR = "examples/demo-app/target/demo-app.jar";

    @Option(names = "--listen", paramLabel = "HOST:PORT",
            description = "Address of the load balancer instead of the file's (127.0.0.1:8080); port 0 picks a free one.")
    String listen;

    @Option(names = "--admin", paramLabel = "HOST:PORT",
            description = "Admin endpoint address (default: admin.listen, else 127.0.0.1:9901 or a free port if taken); "
                    + "beyond loopback only with admin.token.")
    String admin;

    @Mixin
    EventLogOptions eventLog;

    @Override
    public Integer call() throws InterruptedException {
        eventLog.apply();
        Path root = checkout();
        Path file = root.resolve(CONFIG);
        Path jar = root.resolve(DEMO_APP_JAR);
        if (!Files.isRegularFile(file) || !Files.isRegularFile(jar)) {
            System.err.println("shoal demo: needs " + (Files.isRegularFile(file) ? jar : file) + ", which is part of a "
                    + "Shoal checkout built with ./mvnw -B -DskipTests package (./shoal builds it when sources change)");
            return Launcher.EXIT_START_FAILED;
        }
        ShoalConfig config;
        AdminBind bind;
        try {
            config = load(file);
            bind = AdminBind.of(admin, config.admin());
        } catch (IllegalArgumentException e) {
            System.err.println("shoal demo: " + e.getMessage());
            return Launcher.EXIT_INVALID_CONFIG;
        } catch (ConfigException e) {
            return Launcher.invalid(e);
        } catch (IOException e) {
            System.err.println("shoal demo: " + e.getMessage());
            return Launcher.EXIT_INVALID_CONFIG;
        }
        int replicas = config.services().values().stream().filter(s -> s.run() != null)
                .mapToInt(s -> s.run().replicas()).sum();
        return Launcher.run(config, () -> load(file), new Launcher.Control(StateDir.here(), bind, new ReplicaConsole(System.out)),
                started -> started.ready().whenComplete((ok, failure) ->
                        printHints(started.listeners().get(0), replicas, failure == null)));
    }

    /** The demo's file as this command changes it, at start and at each reload. */
    private ShoalConfig load(Path file) throws ConfigException, IOException {
        ShoalConfig config = withJava(ConfigFiles.workingDirsFrom(YamlConfigLoader.load(file), file.getParent()));
        return listen == null ? config : withListen(config, listen);
    }

    /** The checkout this jar was built in: {@code ROOT/shoal-cli/target/shoal.jar} (or {@code target/classes}). */
    private static Path checkout() {
        try {
            Path location = Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return location.toAbsolutePath().getParent().getParent().getParent();
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("").toAbsolutePath();
        }
    }

    /** Replicas run with the JVM that runs Shoal, not whatever {@code java} the PATH finds first. */
    private static ShoalConfig withJava(ShoalConfig config) {
        String java = ProcessHandle.current().info().command().orElse(null);
        for (ServiceConfig service : config.services().values()) {
            RunConfig run = service.run();
            if (java != null && run != null && run.command().get(0).equals("java")) {
                List<String> command = new ArrayList<>(run.command());
                command.set(0, java);
                config = config.withService(ConfigFiles.withRun(service, new RunConfig(command, run.env(),
                        run.workingDir(), run.portEnv(), run.replicas(), run.restart(), run.stopGrace(),
                        run.readyTimeout())));
            }
        }
        return config;
    }

    private static ShoalConfig withListen(ShoalConfig config, String listen) {
        List<ListenerConfig> listeners = new ArrayList<>(config.listeners());
        listeners.set(0, new ListenerConfig(Values.listenAddress(listen), listeners.get(0).routes()));
        return new ShoalConfig(config.source(), config.proxy(), listeners, config.services(), config.accessLog(),
                config.admin(), config.tuning());
    }

    private static void printHints(InetSocketAddress proxy, int replicas, boolean ready) {
        String url = proxy.getAddress().isLoopbackAddress() || proxy.getAddress().isAnyLocalAddress()
                ? "localhost:" + proxy.getPort() : Launcher.format(proxy);
        StringBuilder out = new StringBuilder("\n");
        out.append("shoal demo: ").append(Counts.of(replicas, "replica")).append(" of the demo app behind the load balancer on ")
                .append(url).append(ready ? ", round robin" : " (not all ready yet: see their output above)")
                .append("\n\nTry, in another terminal (from this directory):\n")
                .append("  curl ").append(url).append("                       # a few times: the instance alternates\n")
                .append("  for i in $(seq 6); do curl -s ").append(url).append("; echo; done\n")
                .append("  ./shoal ps                                 # replicas: state, port, pid, CPU, memory\n")
                .append("  ./shoal scale web=4                        # two more, in the pool once healthy\n")
                .append("  ./shoal logs web -f                        # their output\n")
                .append("  ./shoal rollout web --env APP_VERSION=2    # rolling update, one replica at a time\n")
                .append("\nCtrl-C here (or ./shoal down) stops Shoal and every replica.\n");
        System.out.print(out);
        System.out.flush();
    }
}
