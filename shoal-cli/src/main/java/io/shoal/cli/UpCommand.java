package io.shoal.cli;

import io.shoal.config.ShoalConfig;
import io.shoal.config.YamlConfigLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code shoal up}: docker-compose up without containers. Everything the file describes, the replicas
 * of its run services with their output on standard output ({@code web-2 | ...}), and the admin
 * endpoint the other commands talk to. {@code -d} leaves it running in the background.
 */
@Command(name = "up", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Start the load balancer, the replicas of every service with a run block, and the admin endpoint.",
                "Replica output is printed as 'web-2 | ...'. Ctrl-C stops everything."})
final class UpCommand implements Callable<Integer> {
    @Option(names = {"-f", "--file"}, defaultValue = "shoal.yaml", paramLabel = "FILE",
            description = "The configuration file (default: ${DEFAULT-VALUE}).")
    Path file;

    @Option(names = {"-d", "--detach"},
            description = "Run in the background, output to .shoal/shoal.log; exit once the admin endpoint answers.")
    boolean detach;

    @Option(names = "--admin", paramLabel = "HOST:PORT",
            description = "Admin endpoint address (default: admin.listen, else 127.0.0.1:9901 or a free port if taken); "
                    + "beyond loopback only with admin.token.")
    String admin;

    @Mixin
    EventLogOptions eventLog;

    @Override
    public Integer call() throws InterruptedException {
        eventLog.apply();
        ConfigFiles.Loaded loaded = ConfigFiles.load(file, admin);
        if (loaded == null) {
            return Launcher.EXIT_INVALID_CONFIG;
        }
        ShoalConfig config = loaded.config();
        AdminBind bind = loaded.bind();
        if (detach) {
            return Background.start(StateDir.here(), file, bind, eventLog);
        }
        return Launcher.run(config, () -> YamlConfigLoader.load(file), new Launcher.Control(StateDir.here(), bind, new ReplicaConsole(System.out)),
                started -> System.err.println("shoal: up; 'shoal ps' lists the replicas, Ctrl-C stops everything"));
    }
}
