package dev.latchkey.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ConsoleConfigurator}: the configuration {@code logback.xml} used to make, made in code (the appender, its
 * encoder and format, the levels and the access log's level from the environment), found by logback's service
 * loader, and stepping aside for an operator's configuration file.
 */
class ConsoleConfiguratorTest {
    private final LoggerContext context = new LoggerContext();

    ConsoleConfiguratorTest() {
        context.setMDCAdapter(new LogbackMDCAdapter());
    }

    @AfterEach
    void stop() {
        context.stop();
        System.clearProperty("logback.configurationFile");
    }

    private void apply(Map<String, String> variables) {
        ConsoleConfigurator.apply(context, variables::get);
    }

    @Test
    void makesTheConsoleAppenderAndTheLevelsOfTheFormerLogbackXml() {
        apply(Map.of());
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        assertThat(root.getAppender("STDOUT")).isInstanceOf(BatchingConsoleAppender.class);
        BatchingConsoleAppender console = (BatchingConsoleAppender) root.getAppender("STDOUT");
        assertThat(console.isStarted()).isTrue();
        assertThat(console.getEncoder()).isInstanceOf(LogLines.class);
        LogLines lines = (LogLines) console.getEncoder();
        assertThat(lines.getPattern()).isEqualTo("%d{yyyy-MM-dd'T'HH:mm:ss.SSSX} %-5level %logger{24} - %msg%n");
        assertThat(lines.format()).isEqualTo(LogFormat.TEXT);
        for (String quiet : new String[] {"org.eclipse.jetty", "io.javalin", "com.zaxxer.hikari", "org.flywaydb"}) {
            assertThat(context.getLogger(quiet).getLevel()).as(quiet).isEqualTo(Level.WARN);
        }
        assertThat(context.getLogger("latchkey.access").getLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("dev.latchkey.app.Wiring").getEffectiveLevel()).isEqualTo(Level.INFO);
        assertThat(context.getStatusManager().getCopyOfStatusList()).noneMatch(s -> s.getLevel() >= 2);
    }

    @Test
    void theFormatAndTheAccessLogLevelComeFromTheirVariables() {
        apply(Map.of("LATCHKEY_LOG_FORMAT", "json", "LATCHKEY_ACCESS_LOG", "OFF"));
        LogLines lines = (LogLines) ((BatchingConsoleAppender) context.getLogger(Logger.ROOT_LOGGER_NAME)
                .getAppender("STDOUT")).getEncoder();
        assertThat(lines.format()).isEqualTo(LogFormat.JSON);
        assertThat(context.getLogger("latchkey.access").getLevel()).isEqualTo(Level.OFF);
    }

    @Test
    void emptyVariablesAreTheDefaultsAndAnUnknownFormatIsReportedAndKeepsText() {
        apply(Map.of("LATCHKEY_LOG_FORMAT", "yaml", "LATCHKEY_ACCESS_LOG", ""));
        LogLines lines = (LogLines) ((BatchingConsoleAppender) context.getLogger(Logger.ROOT_LOGGER_NAME)
                .getAppender("STDOUT")).getEncoder();
        assertThat(lines.format()).isEqualTo(LogFormat.TEXT);
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .anySatisfy(s -> assertThat(s.getMessage()).contains("Unknown log format \"yaml\""));
        assertThat(context.getLogger("latchkey.access").getLevel()).isEqualTo(Level.INFO);
        assertThat(ConsoleConfigurator.level("inherited")).isNull();
        assertThat(ConsoleConfigurator.level(" warn ")).isEqualTo(Level.WARN);
    }

    @Test
    void logbackFindsItAsAService() {
        assertThat(ServiceLoader.load(Configurator.class).stream().map(p -> p.type().getName()))
                .contains(ConsoleConfigurator.class.getName());
    }

    @Test
    void anOperatorsConfigurationFileWins() {
        ClassLoader bare = new URLClassLoader(new URL[0], null); // no logback(-test).xml on it
        assertThat(ConsoleConfigurator.configuredElsewhere(bare)).isFalse();
        System.setProperty("logback.configurationFile", "/etc/latchkey/logback.xml");
        assertThat(ConsoleConfigurator.configuredElsewhere(bare)).isTrue();
        assertThat(new ConsoleConfigurator().configure(context)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDOUT")).isNull();
        System.clearProperty("logback.configurationFile");
        assertThat(ConsoleConfigurator.configuredElsewhere(getClass().getClassLoader()))
                .as("the tests' logback-test.xml is a configuration file too").isTrue();
    }
}
