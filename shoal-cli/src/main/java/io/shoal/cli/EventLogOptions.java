package io.shoal.cli;

import io.shoal.config.Defaults;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The event log's options, shared by every command that starts Shoal: how much ({@code --log-level}),
 * in which format ({@code --log-format}) and where ({@code --log-file}; standard error by default, where
 * {@code shoal up} users see it). Defaults hold until picocli sets an option, so {@code new EventLogOptions()}
 * is the default event log.
 */
final class EventLogOptions {
    enum Level { ERROR, WARN, INFO, DEBUG, TRACE }

    enum Format { TEXT, JSON }

    @Option(names = "--log-level", paramLabel = "error|warn|info|debug|trace",
            description = "Event-log level (default: ${DEFAULT-VALUE}).")
    Level level = Level.valueOf(Defaults.LOG_LEVEL.toUpperCase(Locale.ROOT));

    @Option(names = "--log-format", paramLabel = "text|json",
            description = "Event-log format: one text line, or one JSON object, per event (default: ${DEFAULT-VALUE}).")
    Format format = Format.valueOf(Defaults.LOG_FORMAT.toUpperCase(Locale.ROOT));

    @Option(names = "--log-file", paramLabel = "PATH",
            description = "Append the event log to PATH instead of standard error; SIGUSR1 reopens it.")
    Path file;

    /** Sets up the event log as these options say. */
    void apply() {
        EventLogSetup.configure(level, format, file);
    }

    /** The same options as arguments, for a Shoal started in the background. */
    List<String> arguments() {
        List<String> arguments = new ArrayList<>(List.of("--log-level", level.name(), "--log-format", format.name()));
        if (file != null) {
            arguments.add("--log-file");
            arguments.add(file.toAbsolutePath().toString());
        }
        return arguments;
    }
}
