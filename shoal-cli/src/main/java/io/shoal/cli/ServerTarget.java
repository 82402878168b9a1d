package io.shoal.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * A server named on the command line as {@code SERVICE/SERVER}, HAProxy's {@code backend/server}: the
 * server is its {@code HOST:PORT} or, for a replica, its id ({@code web/web-2}).
 */
record ServerTarget(String service, String server) {

    static ServerTarget parse(String text, CommandSpec spec) {
        int slash = text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1) {
            throw new ParameterException(spec.commandLine(), "expected SERVICE/SERVER, e.g. web/127.0.0.1:9001 or "
                    + "web/web-2, got '" + text + "'");
        }
        return new ServerTarget(text.substring(0, slash), text.substring(slash + 1));
    }

    /** The API path of this server; brackets of an IPv6 address are not allowed raw in a URI path. */
    String path() {
        return "/services/" + service + "/servers/" + server.replace("[", "%5B").replace("]", "%5D");
    }

    @Override
    public String toString() {
        return service + "/" + server;
    }
}
