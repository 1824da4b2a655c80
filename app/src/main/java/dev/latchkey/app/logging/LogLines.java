package dev.latchkey.app.logging;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.Locale;

/**
 * The encoder of the console's lines, in one of two formats: {@code text} (the default: the configured pattern,
 * exactly as Logback's {@link PatternLayoutEncoder} writes it) or {@code json} (one object per line,
 * {@link JsonLine}). The format is set in {@code logback.xml} from {@code LATCHKEY_LOG_FORMAT} and can be changed
 * while running ({@link LogFormat#use}, for {@code serve --log-format}); events still queued in the
 * {@link BatchingConsoleAppender} are written in the format current when the writer takes them.
 */
public final class LogLines extends PatternLayoutEncoder {
    private volatile boolean json;

    /** {@code text} or {@code json} (any case); anything else is reported and leaves the format as it is. */
    public void setFormat(String format) {
        LogFormat parsed = LogFormat.parse(format);
        if (parsed == null) {
            addError("Unknown log format \"" + format + "\": use text or json. Keeping "
                    + (json ? "json" : "text") + ".");
            return;
        }
        json = parsed == LogFormat.JSON;
    }

    public LogFormat format() {
        return json ? LogFormat.JSON : LogFormat.TEXT;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return json ? JsonLine.encode(event) : super.encode(event);
    }

    @Override
    public String toString() {
        return "LogLines(" + format().name().toLowerCase(Locale.ROOT) + ")";
    }
}
