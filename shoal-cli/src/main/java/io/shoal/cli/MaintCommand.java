package io.shoal.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code shoal maint web/127.0.0.1:9001}: the server goes MAINT; {@code --undo} is {@code shoal ready}. */
@Command(name = "maint", mixinStandardHelpOptions = true,
        description = "Take a server out of rotation for maintenance (HAProxy's state maint). --undo puts it back.")
final class MaintCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SERVICE/SERVER", description = "e.g. web/127.0.0.1:9001, or web/web-2 for a replica.")
    String target;

    @Option(names = "--undo", description = "Put the server back in rotation (the same as 'shoal ready').")
    boolean undo;

    @Mixin
    AdminOptions admin;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return ServerStateChange.set(admin, target, undo ? "ready" : "maint", spec);
    }
}
