package io.shoal.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --admin}, for the commands that talk to a running Shoal. */
final class AdminOptions {
    @Option(names = "--admin", paramLabel = "HOST:PORT",
            description = "Admin endpoint of the Shoal to talk to (default: the address in .shoal/admin, "
                    + "looked up from this directory upwards).")
    String address;

    /** The Shoal to talk to; says on stderr which one when it was started from another directory. */
    AdminClient client() {
        Path here = Path.of("");
        AdminClient client = AdminClient.locate(address, here);
        client.elsewhere(here).ifPresent(System.err::println);
        return client;
    }
}
