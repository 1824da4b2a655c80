package dev.latchkey.app.logging;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/**
 * Stops logging: every appender writes what it still holds (the {@link BatchingConsoleAppender} its queue) and
 * stops. Called last, by the process itself, rather than by logback's own shutdown hook, which the JVM would run
 * at the same time as the server's shutdown and so could stop the writer before the shutdown's own lines are
 * logged (decision record 0022).
 */
public final class Logging {
    private Logging() {
    }

    public static void stop() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
    }
}
