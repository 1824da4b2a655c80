package dev.latchkey.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Every log event of this JVM from {@link #start} on, and the secrets a test saw (key values, passwords, invitation
 * and reset links, session cookies): {@link #assertNoSecretLogged} fails when any log line, stack traces included,
 * holds one of them.
 */
public final class LogWatch {
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private final List<String> secrets = new CopyOnWriteArrayList<>();

    public static LogWatch start() {
        LogWatch watch = new LogWatch();
        watch.events.start();
        root().addAppender(watch.events);
        return watch;
    }

    /** Remembers {@code value} as a secret; returns it. */
    public String secret(String value) {
        if (value != null && !value.isEmpty()) {
            secrets.add(value);
        }
        return value;
    }

    /** Stops watching, then checks every line seen; at least one line must have been seen. */
    public void assertNoSecretLogged() {
        root().detachAppender(events);
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent event : events.list) {
            lines.add(event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                    : ThrowableProxyUtil.asString(event.getThrowableProxy())));
        }
        assertThat(lines).as("log lines").isNotEmpty();
        assertThat(secrets).as("secrets to look for").isNotEmpty();
        for (String secret : secrets) {
            assertThat(lines).as("log lines holding a secret").noneMatch(line -> line.contains(secret));
        }
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
