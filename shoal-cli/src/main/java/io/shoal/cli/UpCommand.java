package io.shoal.cli;

import io.shoal.config.ShoalConfig;
import io.shoal.config.YamlConfigLoader;
import io.shoal.config.Values;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code shoal up}: docker-compose up without containers. Everything the file describes, the replicas
 * of its run services with their output on standard output ({@code web-2 | ...}), and the admin
 * endpoint the other commands talk to. {@code -d} leaves it running in the background; {@code --wait} also
 * waits until the replicas take traffic, so that a script's next request is answered.
 */
@Command(name = "up", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Start the load balancer, the replicas of every service with a run block, and the admin endpoint.",
                "Replica output is printed as 'web-2 | ...'. Ctrl-C stops everything; with -d or --wait, 'shoal down' does."})
final class UpCommand implements Callable<Integer> {
    @Option(names = {"-f", "--file"}, defaultValue = "shoal.yaml", paramLabel = "FILE",
            description = "The configuration file (default: ${DEFAULT-VALUE}).")
    Path file;

    @Option(names = {"-d", "--detach"},
            description = "Run in the background, output to .shoal/shoal.log; exit once the admin endpoint answers.")
    boolean detach;

    @Option(names = "--wait", description = "As -d, and exit once every service with a run block has all its replicas "
            + "ready; exit 1 naming the one that is not, after --wait-timeout.")
    boolean waitReady;

    @Option(names = "--wait-timeout", defaultValue = "120s", paramLabel = "DURATION",
            description = "How long --wait waits for the replicas (default: ${DEFAULT-VALUE}).")
    String waitTimeout;

    /** Set by {@code up -d} on the Shoal it starts, whose output goes to a file rather than a terminal. */
    @Option(names = Background.CHILD_OPTION, hidden = true)
    boolean inBackground;

    @Spec
    CommandSpec spec;

    @Option(names = "--admin", paramLabel = "HOST:PORT",
            description = "Admin endpoint address (default: admin.listen, else 127.0.0.1:9901 or a free port if taken); "
                    + "beyond loopback only with admin.token.")
    String admin;

    @Mixin
    EventLogOptions eventLog;

    @Override
    public Integer call() throws InterruptedException {
        Optional<Duration> readyTimeout = waitReady ? Optional.of(duration("--wait-timeout", waitTimeout)) : Optional.empty();
        eventLog.apply();
        ConfigFiles.Loaded loaded = ConfigFiles.load(file, admin);
        if (loaded == null) {
            return Launcher.EXIT_INVALID_CONFIG;
        }
        ShoalConfig config = loaded.config();
        AdminBind bind = loaded.bind();
        if (detach || waitReady) {
            return Background.start(StateDir.here(), file, bind, eventLog, readyTimeout);
        }
        String stop = inBackground ? "'shoal down' stops everything" : "Ctrl-C stops everything";
        return Launcher.run(config, () -> YamlConfigLoader.load(file), new Launcher.Control(StateDir.here(), bind, new ReplicaConsole(System.out)),
                started -> System.err.println("shoal: up; 'shoal ps' lists the replicas, " + stop));
    }

    private Duration duration(String option, String text) {
        try {
            return Values.duration(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }
}
