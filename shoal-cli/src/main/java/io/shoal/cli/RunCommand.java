package io.shoal.cli;

import io.shoal.config.ShoalConfig;
import io.shoal.config.YamlConfigLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code shoal run -f shoal.yaml}: everything a configuration file describes (see docs/configuration.md),
 * for service managers and containers. The same as {@code up}, but standard output carries only the
 * "listening on" lines and the access log: replica output goes to standard error (still prefixed
 * {@code web-2 | }), and without run services there is no admin endpoint and no {@code .shoal}
 * directory unless {@code --admin} asks for one.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the listeners, routes and services of a YAML configuration file.")
final class RunCommand implements Callable<Integer> {
    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "The configuration file.")
    Path file;

    @Option(names = "--admin", paramLabel = "HOST:PORT",
            description = "Admin endpoint address; beyond loopback only with admin.token. On by default (127.0.0.1:9901, or a free port if "
                    + "taken) when the file has services with a run block.")
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
        if (admin == null && config.admin().listen() == null && !ConfigFiles.hasRunServices(config)) {
            return Launcher.run(config, () -> YamlConfigLoader.load(file), null, started -> { });
        }
        return Launcher.run(config, () -> YamlConfigLoader.load(file), new Launcher.Control(StateDir.here(), bind, new ReplicaConsole(System.err)),
                started -> { });
    }
}
