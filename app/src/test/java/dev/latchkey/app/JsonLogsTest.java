package dev.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.app.logging.LogFormat;
import dev.latchkey.app.support.ConsoleClient;
import dev.latchkey.app.support.EncodedLines;
import dev.latchkey.app.support.TestServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The JSON log format on a real in-process server: every line the console would write is one JSON object with
 * the fixed fields; access lines name the route template, status, duration, client address and the caller's IAM
 * ID (API routes, the direct hot routes and console pages); a line logged while serving a request carries that
 * request's trace id, and an exception comes as class, message and stack. ({@code JsonLogsIT} does the same on the
 * packaged jar's standard output.)
 */
class JsonLogsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyLineIsJsonWithTheFieldsAndTheRequestsTraceId() throws Exception {
        String iamId;
        String keyId;
        EncodedLines encoded = EncodedLines.attach(LogFormat.JSON);
        try (TestServer server = TestServer.h2()) {
            String admin = server.token(server.adminKey);
            JsonNode keys = server.get("/v1/apikeys", admin).body().get("apikeys");
            iamId = keys.get(0).get("iam_id").asText();
            keyId = keys.get(0).get("id").asText();
            server.call("GET", "/v1/apikeys/" + keyId, admin, null, Map.of("Transaction-Id", "json-logs-route"));
            server.call("GET", "/v1/apikeys/details", admin, null,
                    Map.of("IAM-ApiKey", server.adminKey, "Transaction-Id", "json-logs-direct"));
            server.call("GET", "/v1/apikeys", "not-a-token", null, Map.of("Transaction-Id", "json-logs-401"));
            server.call("GET", "/no/such/route", null, null, Map.of("Transaction-Id", "json-logs-404"));
            ConsoleClient.signedIn(server, server.adminKey).get("/iam/apikeys");

            JsonNode serviceId = server.post("/v1/serviceids/", admin, "{\"name\":\"json-logs\"}").body();
            server.wiring.database().jdbi().useHandle(h -> h.execute(
                    "ALTER TABLE service_ids RENAME COLUMN description TO gone"));
            TestServer.Answer failed = server.call("PUT", "/v1/serviceids/" + serviceId.get("id").asText(), admin,
                    "{\"description\":\"json-logs-value\"}", Map.of("If-Match", "*", "Transaction-Id", "json-logs-500"));
            assertThat(failed.status()).isEqualTo(500);
        } finally {
            encoded.close();
        }

        List<JsonNode> lines = new ArrayList<>();
        for (String line : encoded.lines()) {
            assertThat(line).endsWith("\n");
            assertThat(line.substring(0, line.length() - 1)).as("one line per event").doesNotContain("\n");
            JsonNode json = JSON.readTree(line);
            assertThat(json.isObject()).as(line).isTrue();
            assertThat(Instant.parse(json.get("time").asText())).as(line).isNotNull();
            assertThat(json.get("time").asText()).as("UTC, milliseconds").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            assertThat(json.get("level").asText()).isIn("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
            assertThat(json.get("logger").asText()).isNotBlank();
            assertThat(json.get("thread").isTextual()).isTrue();
            assertThat(json.get("message").isTextual()).isTrue();
            lines.add(json);
        }
        assertThat(lines).isNotEmpty();

        JsonNode route = access(lines, "json-logs-route");
        assertThat(route.get("method").asText()).isEqualTo("GET");
        assertThat(route.get("route").asText()).isEqualTo("/v1/apikeys/{id}");
        assertThat(route.get("path").asText()).isEqualTo("/v1/apikeys/" + keyId);
        assertThat(route.get("status").isInt()).isTrue();
        assertThat(route.get("status").asInt()).isEqualTo(200);
        assertThat(route.get("duration_ms").isIntegralNumber()).isTrue();
        assertThat(route.get("duration_ms").asLong()).isBetween(0L, 30_000L);
        assertThat(route.get("client_address").asText()).isEqualTo("127.0.0.1");
        assertThat(route.get("iam_id").asText()).isEqualTo(iamId);
        assertThat(route.get("message").asText()).startsWith("GET /v1/apikeys/" + keyId + " 200 ");

        JsonNode direct = access(lines, "json-logs-direct");
        assertThat(direct.get("route").asText()).isEqualTo("/v1/apikeys/details");
        assertThat(direct.get("status").asInt()).isEqualTo(200);
        assertThat(direct.get("client_address").asText()).isEqualTo("127.0.0.1");
        assertThat(direct.get("iam_id").asText()).isEqualTo(iamId);

        JsonNode refused = access(lines, "json-logs-401");
        assertThat(refused.get("status").asInt()).isEqualTo(401);
        assertThat(refused.get("route").asText()).isEqualTo("/v1/apikeys");
        assertThat(refused.get("iam_id").isNull()).as("no caller was proved").isTrue();

        JsonNode unknown = access(lines, "json-logs-404");
        assertThat(unknown.get("status").asInt()).isEqualTo(404);
        assertThat(unknown.get("route").isNull()).as("no route matched").isTrue();
        assertThat(unknown.get("iam_id").isNull()).isTrue();

        assertThat(lines).as("the token exchange: a public route, no caller")
                .anySatisfy(l -> {
                    assertThat(l.path("route").asText()).isEqualTo("/identity/token");
                    assertThat(l.get("iam_id").isNull()).isTrue();
                });
        assertThat(lines).as("a console page names the signed-in caller")
                .anySatisfy(l -> {
                    assertThat(l.path("logger").asText()).isEqualTo("latchkey.access");
                    assertThat(l.path("route").asText()).isEqualTo("/iam/apikeys");
                    assertThat(l.path("status").asInt()).isEqualTo(200);
                    assertThat(l.path("iam_id").asText()).isEqualTo(iamId);
                });

        List<JsonNode> duringFailure = lines.stream().filter(l -> "json-logs-500".equals(l.path("trace_id").asText()))
                .toList();
        assertThat(duringFailure).as("lines logged while that request was served (the store's warning about the "
                        + "failed statement, the 500) and its access line carry its trace id")
                .anySatisfy(l -> {
                    assertThat(l.path("logger").asText()).isEqualTo("dev.latchkey.store.Database");
                    assertThat(l.path("message").asText()).contains("statement failed (SQLState 42S22");
                })
                .anySatisfy(l -> assertThat(l.path("logger").asText()).isEqualTo("latchkey.access"));
        JsonNode failure = duringFailure.stream().filter(l -> l.has("exception")).findFirst().orElseThrow();
        assertThat(failure.get("level").asText()).isEqualTo("ERROR");
        assertThat(failure.get("message").asText()).startsWith("unexpected failure on PUT /v1/serviceids/");
        assertThat(failure.get("exception").get("class").asText()).isEqualTo("java.lang.RuntimeException");
        assertThat(failure.get("exception").get("message").asText()).contains("its message is not logged");
        assertThat(failure.get("exception").get("stack").asText()).startsWith("\tat ").doesNotContain("its message");
        assertThat(lines).allSatisfy(l -> assertThat(l.toString()).doesNotContain("json-logs-value"));
        assertThat(lines).as("lines outside a request carry no trace id")
                .anySatisfy(l -> assertThat(l.has("trace_id")).isFalse());
    }

    private static JsonNode access(List<JsonNode> lines, String trace) {
        return lines.stream().filter(l -> "latchkey.access".equals(l.path("logger").asText())
                && trace.equals(l.path("trace_id").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no access line with trace " + trace + " in " + lines));
    }
}
