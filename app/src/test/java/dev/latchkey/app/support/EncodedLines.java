package dev.latchkey.app.support;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.latchkey.app.logging.LogFormat;
import dev.latchkey.app.logging.LogLines;
import dev.latchkey.http.AccessLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * Every log event from {@link #attach()} on, as the server's console would write it: encoded by the encoder and
 * pattern of the packaged {@code logback.xml} in one format, on the logging thread (so with that thread's MDC, the
 * request's trace id included). Tests run with {@code logback-test.xml}, whose console is plain; this is the
 * production encoder beside it.
 */
public final class EncodedLines extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final LogLines encoder = new LogLines();
    private final List<String> lines = new ArrayList<>();

    private EncodedLines(LogFormat format) {
        encoder.setContext(root().getLoggerContext());
        encoder.setPattern(productionPattern());
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

    /** The console pattern of {@code app/src/main/resources/logback.xml}. */
    static String productionPattern() {
        try (InputStream in = EncodedLines.class.getResourceAsStream("/logback.xml")) {
            String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Matcher pattern = Pattern.compile("<pattern>(.*?)</pattern>").matcher(xml);
            if (!pattern.find() || !xml.contains("dev.latchkey.app.logging.LogLines")) {
                throw new AssertionError("logback.xml has no LogLines encoder with a pattern");
            }
            return pattern.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
