package io.shoal.cli;

import io.shoal.autoscaler.SimulateCommand;
import io.shoal.bench.BenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code shoal} command. It only wires: the commands that start Shoal ({@code demo}, {@code up},
 * {@code run}, {@code proxy}) turn their arguments into a validated {@link io.shoal.config.ShoalConfig}
 * and hand it to {@link Launcher}, which owns starting and stopping; {@code check} only loads one; the others ({@code ps},
 * {@code scale}, {@code logs}, {@code rollout}, {@code down}) talk to a running Shoal through its
 * admin endpoint ({@link AdminClient}).
 *
 * <p>Exit status: 0 after a clean stop, 1 when starting failed (e.g. the port is taken) or an
 * operation failed (a rollout rolled back, no Shoal answers), 2 for invalid configuration, usage or a
 * value the admin endpoint refused (picocli's own code for usage errors, so all mean "fix your input").
 */
@Command(name = "shoal", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Shoal: an HTTP load balancer that can also run the replicas of your app.",
        subcommands = {DemoCommand.class, UpCommand.class, CheckCommand.class, DownCommand.class, PsCommand.class, ScaleCommand.class,
                LogsCommand.class, EventsCommand.class, RolloutCommand.class, StatusCommand.class, TopCommand.class,
                DrainCommand.class, MaintCommand.class, ReadyCommand.class, WeightCommand.class, ReloadCommand.class,
                RunCommand.class, ProxyCommand.class,
                BenchCommand.class, SimulateCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        new EventLogOptions().apply(); // until a command that starts Shoal applies its own
        System.exit(new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(Main::noShoalFound).execute(args));
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: try 'shoal demo', 'shoal up', 'shoal proxy' or 'shoal run'");
    }

    /** A command that talks to a running Shoal found none: a sentence, not a stack trace. */
    private static int noShoalFound(Exception e, CommandLine command, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof AdminClient.NoShoalFound) {
            command.getErr().println("shoal: " + e.getMessage());
            return 1;
        }
        throw e;
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
