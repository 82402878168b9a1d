package io.shoal.cli;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.nio.file.Path;
import java.util.Iterator;
import org.slf4j.LoggerFactory;

/**
 * Configures Logback for Shoal's event log: one line per event (UTC time, level, area, message), or one
 * JSON object, to standard error or a file. The appender is asynchronous and never blocks: the few
 * events raised on event loops (a connect error, an ejection) cannot stall requests; when the output is
 * slower than the events, events are dropped. Standard output stays for the "listening on" lines and an
 * access log written to {@code -}.
 */
final class EventLogSetup {
    static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX, UTC} %-5level %logger{0} %msg%n";
    /** Events waiting for the output; a burst larger than this loses lines rather than waits. */
    static final int QUEUE_SIZE = 1024;
    private static final String ASYNC = "events";

    private EventLogSetup() {}

    /** Replaces whatever Logback configured by itself. */
    static void configure(EventLogOptions.Level level, EventLogOptions.Format format, Path file) {
        LoggerContext context = context();
        context.reset();
        OutputStreamAppender<ILoggingEvent> output = file == null ? console() : file(file);
        output.setContext(context);
        output.setName("output");
        output.setEncoder(encoder(format, context));
        output.start();
        AsyncAppender async = new AsyncAppender();
        async.setContext(context);
        async.setName(ASYNC);
        async.setQueueSize(QUEUE_SIZE);
        async.setDiscardingThreshold(0); // keep INFO lines while the queue fills; drop only when full
        async.setNeverBlock(true);
        async.addAppender(output);
        async.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(level.name()));
        root.addAppender(async);
        context.getLogger("io.netty").setLevel(Level.WARN);
    }

    /** Closes the event-log file and opens its path again (after logrotate moved it); nothing for stderr. */
    static void reopen() {
        Iterator<ch.qos.logback.core.Appender<ILoggingEvent>> outputs = asyncAppender().iteratorForAppenders();
        while (outputs.hasNext()) {
            if (outputs.next() instanceof FileAppender<ILoggingEvent> file) {
                file.stop();
                file.start();
            }
        }
    }

    /** Writes the events still queued and closes the output; the last thing Shoal does when it stops. */
    static void stop() {
        context().stop();
    }

    private static AsyncAppender asyncAppender() {
        return (AsyncAppender) context().getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender(ASYNC);
    }

    private static LoggerContext context() {
        return (LoggerContext) LoggerFactory.getILoggerFactory();
    }

    private static OutputStreamAppender<ILoggingEvent> console() {
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setTarget("System.err");
        return console;
    }

    private static OutputStreamAppender<ILoggingEvent> file(Path path) {
        FileAppender<ILoggingEvent> file = new FileAppender<>();
        file.setFile(path.toString());
        file.setAppend(true);
        return file;
    }

    private static Encoder<ILoggingEvent> encoder(EventLogOptions.Format format, LoggerContext context) {
        if (format == EventLogOptions.Format.JSON) {
            JsonEncoder json = new JsonEncoder();
            json.setContext(context);
            json.setWithSequenceNumber(false);
            json.setWithNanoseconds(false);
            json.setWithContext(false);
            json.setWithMDC(false);
            json.setWithMessage(false);
            json.setWithArguments(false);
            json.setWithFormattedMessage(true);
            json.start();
            return json;
        }
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setContext(context);
        text.setPattern(TEXT_PATTERN);
        text.start();
        return text;
    }
}
