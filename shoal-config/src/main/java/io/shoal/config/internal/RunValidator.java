package io.shoal.config.internal;

import io.shoal.config.Defaults;
import io.shoal.config.RestartPolicy;
import io.shoal.config.RunConfig;
import io.shoal.config.Values;

/**
 * Checks one service's {@code run} block. Variables Shoal sets itself for each replica ({@code INSTANCE_ID} and
 * the port variable) are refused in {@code env}: Shoal's value would silently win over the one written.
 */
final class RunValidator {
    private RunValidator() {}

    static void validate(RunConfig run, String path, ProblemSink sink) {
        if (run.command().isEmpty()) {
            sink.add(path + ".command", "must name at least the program to run");
        }
        Rules.between(sink, path + ".replicas", run.replicas(), 0, Defaults.MAX_REPLICAS);
        portEnv(run.portEnv(), path + ".port_env", sink);
        run.env().keySet().stream().sorted().forEach(name -> env(run, name, KeyPaths.child(path + ".env", name), sink));
        Rules.positive(sink, path + ".stop_grace_period", run.stopGrace());
        Rules.positive(sink, path + ".ready_timeout", run.readyTimeout());
        restart(run.restart(), path + ".restart", sink);
    }

    private static void portEnv(String name, String path, ProblemSink sink) {
        if (!EnvVars.isName(name)) {
            sink.add(path, "not a valid environment variable name (" + EnvVars.NAME_RULE + "), got '" + name + "'");
        } else if (name.equals(RunConfig.INSTANCE_ID_ENV)) {
            sink.add(path, RunConfig.INSTANCE_ID_ENV + " is the replica's id (web-1, web-2, ...); name another variable");
        }
    }

    private static void env(RunConfig run, String name, String path, ProblemSink sink) {
        if (!EnvVars.isName(name)) {
            sink.add(path, "not a valid environment variable name (" + EnvVars.NAME_RULE + ")");
        } else if (name.equals(RunConfig.INSTANCE_ID_ENV)) {
            sink.add(path, "set by Shoal to each replica's id (web-1, web-2, ...); leave it out");
        } else if (name.equals(run.portEnv())) {
            sink.add(path, "set by Shoal to each replica's port (port_env: " + run.portEnv() + "); leave it out");
        }
    }

    private static void restart(RestartPolicy r, String path, ProblemSink sink) {
        Rules.positive(sink, path + ".backoff", r.initialBackoff());
        Rules.positive(sink, path + ".max_backoff", r.maxBackoff());
        if (!r.maxBackoff().isZero() && !r.maxBackoff().isNegative() && r.maxBackoff().compareTo(r.initialBackoff()) < 0) {
            sink.add(path + ".max_backoff", "must be at least backoff (" + Values.formatDuration(r.initialBackoff())
                    + "), got " + Values.formatDuration(r.maxBackoff()));
        }
        Rules.atLeast(sink, path + ".max_restarts", r.maxRestarts(), 1);
        Rules.positive(sink, path + ".window", r.window());
    }
}
