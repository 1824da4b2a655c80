package dev.latchkey.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.function.UnaryOperator;

/**
 * Latchkey's logging configuration, made in code: found by logback through {@link java.util.ServiceLoader}
 * ({@code META-INF/services}) and run before logback's own configurators, it replaces the {@code logback.xml} that
 * logback read with its XML configurator (about 600 classes and a third of a second of every start; decision record
 * 0037). The configuration is the one that file had:
 * <ul>
 *   <li>one appender, {@code STDOUT}: a {@link BatchingConsoleAppender} writing every 50 ms, at most 65,536 events
 *   queued (decision record 0012), whose encoder is {@link LogLines} with {@link #PATTERN} in the format of
 *   {@code LATCHKEY_LOG_FORMAT} ({@code text} unless set; decision record 0024);</li>
 *   <li>the root logger at {@code INFO}; Jetty, Javalin, Hikari and Flyway at {@code WARN}; the access log
 *   ({@code latchkey.access}) at the level of {@code LATCHKEY_ACCESS_LOG} ({@code INFO} unless set);</li>
 *   <li>no logback shutdown hook: the process stops logging itself, last ({@link Logging}, decision record 0022).</li>
 * </ul>
 * A variable is read as logback's {@code ${NAME:-default}} read it: a Java system property of that name first, then
 * the environment. An operator's own configuration still wins: with {@code -Dlogback.configurationFile=FILE}, or a
 * {@code logback-test.xml} or {@code logback.xml} on the class path (tests, an embedding application), this
 * configurator steps aside and logback reads that file as before.
 */
public final class ConsoleConfigurator extends ContextAwareBase implements Configurator {
    /** The text format's pattern. */
    public static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX} %-5level %logger{24} - %msg%n";
    static final String APPENDER = "STDOUT";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (configuredElsewhere(ConsoleConfigurator.class.getClassLoader())) {
            addInfo("A logging configuration file is given; leaving the configuration to logback.");
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        apply(context, ConsoleConfigurator::variable);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Configures {@code context} as described above, reading the two variables through {@code variables}. */
    static void apply(LoggerContext context, UnaryOperator<String> variables) {
        LogLines lines = new LogLines();
        lines.setContext(context);
        lines.setPattern(PATTERN);
        lines.setFormat(orElse(variables.apply("LATCHKEY_LOG_FORMAT"), "text"));
        lines.start();

        BatchingConsoleAppender console = new BatchingConsoleAppender();
        console.setContext(context);
        console.setName(APPENDER);
        console.setEncoder(lines);
        console.setFlushMillis(50);
        console.setQueueSize(65_536);
        console.start();

        context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
        context.getLogger("io.javalin").setLevel(Level.WARN);
        context.getLogger("com.zaxxer.hikari").setLevel(Level.WARN);
        context.getLogger("org.flywaydb").setLevel(Level.WARN);
        context.getLogger("latchkey.access").setLevel(level(orElse(variables.apply("LATCHKEY_ACCESS_LOG"), "INFO")));
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
    }

    /** A configuration file logback would read: named by the system property, or a standard name on the class path. */
    static boolean configuredElsewhere(ClassLoader loader) {
        String named = System.getProperty("logback.configurationFile");
        if (named != null && !named.isBlank()) {
            return true;
        }
        return loader.getResource("logback-test.xml") != null || loader.getResource("logback.xml") != null;
    }

    /** A variable as logback resolved {@code ${name}}: the system property, else the environment; null when neither. */
    static String variable(String name) {
        String value = System.getProperty(name);
        return value != null ? value : System.getenv(name);
    }

    /** {@code :-}: the fallback when the value is missing or empty. */
    private static String orElse(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }

    /**
     * A logger's level as logback's XML configuration read it: {@code INHERITED} or {@code NULL} (any case) leave it
     * to the parent, anything else is {@link Level#toLevel(String)} (a name it does not know is {@code DEBUG}).
     */
    static Level level(String value) {
        String v = value.strip();
        if (v.equalsIgnoreCase("INHERITED") || v.equalsIgnoreCase("NULL")) {
            return null;
        }
        return Level.toLevel(v);
    }
}
