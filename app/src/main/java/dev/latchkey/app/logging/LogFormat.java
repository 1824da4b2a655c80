package dev.latchkey.app.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.Appender;
import dev.latchkey.http.AccessLog;
import java.util.Iterator;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/** The two formats of the console's log lines ({@link LogLines}). */
public enum LogFormat {
    /** One line per event with the pattern of {@code logback.xml}: the default. */
    TEXT,
    /** One JSON object per line ({@link JsonLine}). */
    JSON;

    /** {@code text} or {@code json} in any case, surrounding blanks ignored; null for anything else. */
    public static LogFormat parse(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "text" -> TEXT;
            case "json" -> JSON;
            default -> null;
        };
    }

    /**
     * Switches every console appender of the root logger whose encoder is {@link LogLines} to {@code format}.
     * Returns false when there was none (a logging configuration of the operator's own), so that the caller can say
     * that the format was not applied.
     */
    public static boolean use(LogFormat format) {
        AccessLog.structured(format == JSON);
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return false;
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        boolean applied = false;
        for (Iterator<Appender<ch.qos.logback.classic.spi.ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof BatchingConsoleAppender console && console.getEncoder() instanceof LogLines lines) {
                lines.setFormat(format.name());
                applied = true;
            }
        }
        return applied;
    }
}
