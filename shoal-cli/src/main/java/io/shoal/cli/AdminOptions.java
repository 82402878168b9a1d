package io.shoal.cli;

import picocli.CommandLine.Option;

/** {@code --admin}, for the commands that talk to a running Shoal. */
final class AdminOptions {
    @Option(names = "--admin", paramLabel = "HOST:PORT",
            description = "Admin endpoint of the Shoal to talk to (default: the address in .shoal/admin, "
                    + "looked up from this directory upwards, else 127.0.0.1:9901).")
    String address;

    AdminClient client() {
        return AdminClient.locate(address);
    }
}
