package dev.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.app.logging.LogFormat;
import dev.latchkey.app.support.EncodedLines;
import dev.latchkey.app.support.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * A full create → exchange → details → delete run, with bad requests in between, also for a service ID key whose
 * value is stored, and not one key value or access token in any log event (message, arguments or stack trace) nor
 * in any line the console writes for it, in either log format ({@code text} and {@code json}: each test runs once
 * per format, the lines encoded by the packaged configuration's encoder).
 */
class LogSecrecyTest {
    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    /** Every log event from now on, until {@code root().detachAppender} of what it returns. */
    private static ListAppender<ILoggingEvent> capture() {
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root().addAppender(captured);
        return captured;
    }

    @ParameterizedTest
    @EnumSource(LogFormat.class)
    void noKeyValueOrTokenReachesTheLogs(LogFormat format) {
        ListAppender<ILoggingEvent> captured = capture();
        EncodedLines encoded = EncodedLines.attach(format);
        List<String> secrets = new ArrayList<>();
        try (TestServer server = TestServer.h2()) {
            secrets.add(server.adminKey);
            String admin = server.token(server.adminKey);
            secrets.add(admin);
            String iamId = server.get("/v1/apikeys", admin).body().get("apikeys").get(0).get("iam_id").asText();
            JsonNode created = server.post("/v1/apikeys", admin, "{\"name\":\"secret-run\",\"iam_id\":\"" + iamId + "\"}")
                    .body();
            String value = created.get("apikey").asText();
            secrets.add(value);
            String token = server.token(value);
            secrets.add(token);
            server.call("GET", "/v1/apikeys/details?include_history=true", token, null, Map.of("IAM-ApiKey", value));
            String supplied = "client-supplied-secret-value-0123456789abcdef";
            secrets.add(supplied);
            server.post("/v1/apikeys", admin, "{\"name\":\"own\",\"iam_id\":\"" + iamId + "\",\"apikey\":\"" + supplied + "\"}");
            server.post("/v1/apikeys", admin, "{\"name\":\"dup\",\"iam_id\":\"" + iamId + "\",\"apikey\":\"" + supplied + "\"}");
            server.tokenFor(value.substring(0, value.length() - 1) + (value.endsWith("x") ? "y" : "x"));
            server.call("GET", "/v1/apikeys/details", admin, null, Map.of("IAM-ApiKey", value + "garbage"));
            server.get("/v1/apikeys", token + "tampered");
            server.delete("/v1/apikeys/" + created.get("id").asText(), admin);
            server.tokenFor(value);
            JsonNode serviceId = server.post("/v1/serviceids/", admin,
                    "{\"name\":\"secret-sid\",\"apikey\":{\"name\":\"stored\",\"store_value\":true}}").body();
            String stored = serviceId.get("apikey").get("apikey").asText();
            secrets.add(stored);
            secrets.add(server.token(stored));
            server.get("/v1/apikeys/" + serviceId.get("apikey").get("id").asText() + "?include_history=true", admin);
            server.post("/v1/serviceids/", admin, "{\"name\":\"bad\",\"apikey\":{\"name\":\"k\",\"apikey\":\""
                    + supplied + "\"}}");
            server.delete("/v1/serviceids/" + serviceId.get("id").asText(), admin);
            server.tokenFor(stored);
            server.wiring.flushActivity();
        } finally {
            root().detachAppender(captured);
            encoded.close();
        }
        assertThat(captured.list).as("the run was logged at all").isNotEmpty();
        assertThat(captured.list).anySatisfy(e -> assertThat(e.getLoggerName()).isEqualTo("latchkey.access"));
        for (ILoggingEvent event : captured.list) {
            String text = event.getFormattedMessage() + " " + event.getMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            for (String secret : secrets) {
                assertThat(text).doesNotContain(secret).doesNotContain(secret.substring(8, 28));
            }
        }
        assertThat(encoded.lines()).as("one written line per event").hasSize(captured.list.size());
        for (String line : encoded.lines()) {
            for (String secret : secrets) {
                assertThat(line).doesNotContain(secret).doesNotContain(secret.substring(8, 28));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(LogFormat.class)
    void aDatabaseErrorIsLoggedAsItsStatementAndStateWithoutTheValues(LogFormat format) {
        ListAppender<ILoggingEvent> captured = capture();
        EncodedLines encoded = EncodedLines.attach(format);
        String value = "description-that-must-not-be-logged-5f3a";
        try (TestServer server = TestServer.h2()) {
            String admin = server.token(server.adminKey);
            JsonNode serviceId = server.post("/v1/serviceids/", admin, "{\"name\":\"db-error\"}").body();
            // a schema the code does not expect: the next update fails inside the database, a fault no client caused
            server.wiring.database().jdbi().useHandle(h -> h.execute("ALTER TABLE service_ids RENAME COLUMN description TO gone"));
            TestServer.Answer answer = server.call("PUT", "/v1/serviceids/" + serviceId.get("id").asText(), admin,
                    "{\"description\":\"" + value + "\"}", Map.of("If-Match", "*"));
            assertThat(answer.status()).as(answer.raw()).isEqualTo(500);
            assertThat(answer.raw()).doesNotContain(value).doesNotContain("SQL");
        } finally {
            root().detachAppender(captured);
            encoded.close();
        }
        List<String> logged = captured.list.stream().map(e -> e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy()))).toList();
        assertThat(logged).anySatisfy(line -> assertThat(line).contains("statement failed (SQLState 42S22").contains("FROM service_ids s LEFT JOIN service_id_crns c").contains("WHERE s.id = :id"));
        assertThat(logged).anySatisfy(line -> assertThat(line).contains("unexpected failure on PUT")
                .contains("its message is not logged"));
        assertThat(logged).allSatisfy(line -> assertThat(line).doesNotContain(value));
        String written = String.join("", encoded.lines());
        assertThat(written).contains("statement failed (SQLState 42S22").contains("WHERE s.id = :id")
                .contains("unexpected failure on PUT").contains("its message is not logged").doesNotContain(value);
    }
}
