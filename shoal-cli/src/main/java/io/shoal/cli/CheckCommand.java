package io.shoal.cli;

import io.shoal.config.EffectiveConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code shoal check}: {@code nginx -t}, {@code haproxy -c}, {@code docker compose config}. Checks a file as
 * {@code up} would, without starting anything, and prints what Shoal would run: the whole configuration with
 * every default written out.
 */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check a configuration file without starting anything, and print the effective configuration: "
                + "every setting, defaults included, as YAML.",
                "Exit status 0 when valid; 2 with every problem (file, line and key) when not."})
final class CheckCommand implements Callable<Integer> {
    @Option(names = {"-f", "--file"}, defaultValue = "shoal.yaml", paramLabel = "FILE",
            description = "The configuration file (default: ${DEFAULT-VALUE}).")
    Path file;

    @Override
    public Integer call() {
        ConfigFiles.Loaded loaded = ConfigFiles.load(file, null);
        if (loaded == null) {
            return Launcher.EXIT_INVALID_CONFIG;
        }
        System.out.print(EffectiveConfig.yaml(loaded.config()));
        System.err.println("shoal: " + file + " is valid");
        return 0;
    }
}
