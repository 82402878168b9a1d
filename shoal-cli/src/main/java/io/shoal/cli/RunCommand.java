package io.shoal.cli;

import io.shoal.config.ConfigException;
import io.shoal.config.YamlConfigLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code shoal run -f shoal.yaml}: everything a configuration file describes (see docs/configuration.md). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the listeners, routes and services of a YAML configuration file.")
final class RunCommand implements Callable<Integer> {
    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "The configuration file.")
    Path file;

    @Override
    public Integer call() throws InterruptedException {
        try {
            return Launcher.run(YamlConfigLoader.load(file), bound -> { });
        } catch (ConfigException e) {
            return Launcher.invalid(e);
        } catch (IOException e) {
            System.err.println("shoal: cannot read " + file + ": " + e);
            return Launcher.EXIT_INVALID_CONFIG;
        }
    }
}
