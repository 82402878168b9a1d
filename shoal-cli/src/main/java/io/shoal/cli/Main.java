package io.shoal.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code shoal} command. It only wires: each subcommand turns its arguments into a validated
 * {@link io.shoal.config.ShoalConfig} and hands it to {@link Launcher}, which owns starting and stopping.
 *
 * <p>Exit status: 0 after a clean stop, 1 when starting failed (e.g. the port is taken), 2 for invalid
 * configuration or usage (picocli's own code for usage errors, so both mean "fix your input").
 */
@Command(name = "shoal", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Shoal: an HTTP load balancer.",
        subcommands = {ProxyCommand.class, RunCommand.class, DemoCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: try 'shoal demo', 'shoal proxy' or 'shoal run'");
    }

    /** Reads the version Maven wrote into the jar's manifest, so that the pom stays its only owner. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"shoal " + (version == null ? "(development build)" : version)};
        }
    }
}
