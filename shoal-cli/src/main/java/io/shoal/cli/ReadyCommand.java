package io.shoal.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code shoal ready web/127.0.0.1:9001}: back in rotation after {@code drain} or {@code maint}. */
@Command(name = "ready", mixinStandardHelpOptions = true,
        description = {"Put a drained server, or one in maintenance, back in rotation (HAProxy's state ready).",
                "With a health check it is UP only once its last check passed."})
final class ReadyCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SERVICE/SERVER", description = "e.g. web/127.0.0.1:9001, or web/web-2 for a replica.")
    String target;

    @Mixin
    AdminOptions admin;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return ServerStateChange.set(admin, target, "ready", spec);
    }
}
