package io.shoal.cli;

import io.shoal.config.ConfigException;
import io.shoal.config.RunConfig;
import io.shoal.config.ServiceConfig;
import io.shoal.config.ShoalConfig;
import io.shoal.config.YamlConfigLoader;
import java.io.IOException;
import java.nio.file.Path;

/** What {@code run}, {@code up} and {@code demo} need to know of, or change in, a loaded configuration. */
final class ConfigFiles {
    private ConfigFiles() {}

    /** A configuration file read and checked, and the admin address it and {@code --admin} ask for. */
    record Loaded(ShoalConfig config, AdminBind bind) {}

    /**
     * Reads and checks {@code file} and the admin address ({@code --admin}, else the file's), or prints
     * every problem and returns null: the command then exits with {@link Launcher#EXIT_INVALID_CONFIG}.
     */
    static Loaded load(Path file, String adminOption) {
        try {
            ShoalConfig config = YamlConfigLoader.load(file);
            return new Loaded(config, AdminBind.of(adminOption, config.admin()));
        } catch (IllegalArgumentException e) {
            System.err.println("shoal: " + e.getMessage());
        } catch (ConfigException e) {
            Launcher.invalid(e);
        } catch (IOException e) {
            System.err.println("shoal: " + e.getMessage());
        }
        return null;
    }

    /**
     * {@code config} with each relative {@code run.working_dir} taken from {@code base} rather than from
     * the directory Shoal was started in (docs/configuration.md), for a file that must work from any
     * directory, as the demo's does. Absolute paths are left alone.
     */
    static ShoalConfig workingDirsFrom(ShoalConfig config, Path base) {
        for (ServiceConfig service : config.services().values()) {
            RunConfig run = service.run();
            if (run != null && run.workingDir() != null && !Path.of(run.workingDir()).isAbsolute()) {
                String dir = base.toAbsolutePath().resolve(run.workingDir()).normalize().toString();
                config = config.withService(withRun(service, new RunConfig(run.command(), run.env(), dir, run.portEnv(),
                        run.replicas(), run.restart(), run.stopGrace(), run.readyTimeout())));
            }
        }
        return config;
    }

    static ServiceConfig withRun(ServiceConfig s, RunConfig run) {
        return new ServiceConfig(s.name(), s.servers(), s.balance(), s.sticky(), s.timeouts(), s.retry(), s.queue(),
                s.pool(), s.health(), run, s.autoscale(), s.tls(), s.protocol());
    }

    static boolean hasRunServices(ShoalConfig config) {
        return config.services().values().stream().anyMatch(s -> s.run() != null);
    }
}
