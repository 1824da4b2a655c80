package dev.latchkey.app.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.latchkey.app.logging.ConsoleConfigurator;
import dev.latchkey.app.logging.LogFormat;
import dev.latchkey.app.logging.LogLines;
import dev.latchkey.http.AccessLog;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Every log event from {@link #attach()} on, as the server's console would write it: encoded by the encoder and
 * pattern of the packaged configuration ({@link ConsoleConfigurator}) in one format, on the logging thread (so with that thread's MDC, the
 * request's trace id included). Tests run with {@code logback-test.xml}, whose console is plain; this is the
 * production encoder beside it.
 */
public final class EncodedLines extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final LogLines encoder = new LogLines();
    private final List<String> lines = new ArrayList<>();

    private EncodedLines(LogFormat format) {
        encoder.setContext(root().getLoggerContext());
        encoder.setPattern(ConsoleConfigurator.PATTERN);
        encoder.setFormat(format.name());
        encoder.start();
        setContext(root().getLoggerContext());
        setName("encoded-lines-" + format);
    }

    /** Starts collecting the lines of every event logged anywhere, in {@code format}. */
    public static EncodedLines attach(LogFormat format) {
        AccessLog.structured(format == LogFormat.JSON);
        EncodedLines lines = new EncodedLines(format);
        lines.start();
        root().addAppender(lines);
        return lines;
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    @Override
    protected void append(ILoggingEvent event) {
        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
        synchronized (lines) {
            lines.add(line);
        }
    }

    /** The lines so far, each with its line end. */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Stops collecting. */
    @Override
    public void close() {
        root().detachAppender(this);
        stop();
        AccessLog.structured(false);
    }
}
