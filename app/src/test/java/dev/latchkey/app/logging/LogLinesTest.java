package dev.latchkey.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

/** {@link LogLines}: the text format is Logback's pattern encoder unchanged; the JSON format's shape and escaping. */
class LogLinesTest {
    private static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX} %-5level %logger{24} - %msg%n";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LoggerContext context = new LoggerContext();

    LogLinesTest() {
        context.setMDCAdapter(new LogbackMDCAdapter());
    }

    private LogLines lines(String format) {
        LogLines lines = new LogLines();
        lines.setContext(context);
        lines.setPattern(PATTERN);
        lines.setFormat(format);
        lines.start();
        return lines;
    }

    private LoggingEvent event(String message, Object[] arguments, Throwable thrown) {
        Logger logger = context.getLogger("dev.latchkey.some.LongLoggerName");
        LoggingEvent event = new LoggingEvent("fqcn", logger, Level.WARN, message, thrown, arguments);
        event.setInstant(Instant.parse("2026-12-05T10:15:30.123456Z"));
        event.setThreadName("worker-1");
        return event;
    }

    @Test
    void theTextFormatIsThePatternAsBefore() {
        PatternLayoutEncoder plain = new PatternLayoutEncoder();
        plain.setContext(context);
        plain.setPattern(PATTERN);
        plain.start();
        LoggingEvent event = event("a {} b", new Object[] {"x"}, new IllegalStateException("boom"));
        assertThat(new String(lines("text").encode(event), StandardCharsets.UTF_8))
                .isEqualTo(new String(plain.encode(event), StandardCharsets.UTF_8));
        assertThat(lines("bogus").format()).as("an unknown format keeps text").isEqualTo(LogFormat.TEXT);
    }

    @Test
    void aJsonLineHasTheFieldsInOrderAndEscapesWhatCouldBreakTheLine() throws Exception {
        LoggingEvent event = event("quote \" backslash \\ newline \n{\"forged\":true} tab \t bell \u0007 lone \ud800 pair \ud83d\ude00 {}",
                new Object[] {"arg"}, null);
        event.addKeyValuePair(new KeyValuePair("status", 201));
        event.addKeyValuePair(new KeyValuePair("duration_ms", 7L));
        event.addKeyValuePair(new KeyValuePair("iam_id", null));
        event.addKeyValuePair(new KeyValuePair("route", "/v1/apikeys/{id}"));
        event.addKeyValuePair(new KeyValuePair("message", "a pair may not replace a fixed field"));
        event.setMDCPropertyMap(Map.of("trace_id", "t-1"));
        String line = new String(lines("json").encode(event), StandardCharsets.UTF_8);

        assertThat(line).endsWith("}\n");
        assertThat(line.substring(0, line.length() - 1)).doesNotContain("\n").doesNotContain("\u0007");
        JsonNode json = JSON.readTree(line);
        assertThat(json.properties().stream().map(Map.Entry::getKey).toList()).containsExactly(
                "time", "level", "logger", "thread", "message", "trace_id", "status", "duration_ms", "iam_id", "route");
        assertThat(json.get("time").asText()).isEqualTo("2026-12-05T10:15:30.123Z");
        assertThat(json.get("level").asText()).isEqualTo("WARN");
        assertThat(json.get("logger").asText()).isEqualTo("dev.latchkey.some.LongLoggerName");
        assertThat(json.get("thread").asText()).isEqualTo("worker-1");
        assertThat(json.get("message").asText()).isEqualTo("quote \" backslash \\ newline \n{\"forged\":true} tab \t bell "
                + "\u0007 lone \ud800 pair \ud83d\ude00 arg");
        assertThat(json.get("trace_id").asText()).isEqualTo("t-1");
        assertThat(json.get("status").isInt()).isTrue();
        assertThat(json.get("duration_ms").asLong()).isEqualTo(7);
        assertThat(json.get("iam_id").isNull()).isTrue();
        assertThat(json.get("route").asText()).isEqualTo("/v1/apikeys/{id}");
    }

    @Test
    void anExceptionIsItsClassMessageAndStack() throws Exception {
        IllegalStateException thrown = new IllegalStateException("outer", new IllegalArgumentException("inner"));
        JsonNode json = JSON.readTree(lines("json").encode(event("failed", null, thrown)));
        JsonNode exception = json.get("exception");
        assertThat(exception.get("class").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(exception.get("message").asText()).isEqualTo("outer");
        assertThat(exception.get("stack").asText()).startsWith("\tat dev.latchkey.app.logging.LogLinesTest")
                .contains("Caused by: java.lang.IllegalArgumentException: inner");
        assertThat(json.has("trace_id")).as("no request, no trace id").isFalse();
    }
}
