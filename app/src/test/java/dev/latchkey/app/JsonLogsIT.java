package dev.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.app.support.ServerProcess;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged server started with {@code --log-format json}, and again with {@code LATCHKEY_LOG_FORMAT=json}
 * only: every line on its standard output, from the first to the last written at shutdown, is one JSON object
 * with time, level, logger, thread and message; access lines name the route template, status, duration, client
 * address and the caller's IAM ID; a line logged while a request was served carries that request's trace id; the
 * first-start admin key is not on standard output at all.
 */
class JsonLogsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theServersStandardOutputIsJsonLinesOnly() throws Exception {
        Path dataDir = Files.createTempDirectory("latchkey-jsonlogs").resolve("data");
        Files.createDirectories(dataDir);
        String adminKey;
        String iamId;
        String keyId;
        ServerProcess server = ServerProcess.startApart(dataDir, List.of("--log-format", "json"), Map.of());
        try (server) {
            adminKey = ServerProcess.adminKey(dataDir);
            String token = server.token(adminKey);
            iamId = claim(token, "iam_id");
            JsonNode keys = server.call("GET", "/v1/apikeys?iam_id=" + iamId, token, null, Map.of()).body();
            keyId = keys.get("apikeys").get(0).get("id").asText();
            assertThat(server.call("GET", "/v1/apikeys/" + keyId, token, null, Map.of("Transaction-Id", "it-route"))
                    .status()).isEqualTo(200);
            assertThat(server.call("GET", "/v1/apikeys/details", token, null,
                    Map.of("IAM-ApiKey", adminKey, "Transaction-Id", "it-direct")).status()).isEqualTo(200);
            trickleUntilCutOff(server.url, "POST /v1/serviceids/ HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                    + "\r\nTransaction-Id: it-slow\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{");
            // the server notices the cut on the request's own thread; let it log that before SIGTERM starts the
            // drain, which would otherwise end the half-read request its own way
            for (int i = 0; i < 200 && !Files.readString(server.log).contains("trace=it-slow\""); i++) {
                Thread.sleep(50);
            }
        } // SIGTERM: the shutdown hook writes what is still queued
        List<JsonNode> lines = jsonLines(server.log);
        String stdout = Files.readString(server.log);
        assertThat(stdout).as("the admin key is in its file, not on standard output").doesNotContain(adminKey);
        assertThat(lines).anySatisfy(l -> assertThat(l.get("message").asText())
                .contains("first start: created an account").contains(dataDir.resolve("admin-apikey.txt").toString()));
        assertThat(lines).anySatisfy(l -> assertThat(l.get("message").asText()).startsWith("Latchkey listening on "));

        JsonNode route = access(lines, "it-route");
        assertThat(route.get("method").asText()).isEqualTo("GET");
        assertThat(route.get("route").asText()).isEqualTo("/v1/apikeys/{id}");
        assertThat(route.get("path").asText()).isEqualTo("/v1/apikeys/" + keyId);
        assertThat(route.get("status").asInt()).isEqualTo(200);
        assertThat(route.get("duration_ms").isIntegralNumber()).isTrue();
        assertThat(route.get("client_address").asText()).isEqualTo("127.0.0.1");
        assertThat(route.get("iam_id").asText()).isEqualTo(iamId);

        JsonNode direct = access(lines, "it-direct");
        assertThat(direct.get("route").asText()).isEqualTo("/v1/apikeys/details");
        assertThat(direct.get("status").asInt()).isEqualTo(200);
        assertThat(direct.get("duration_ms").isIntegralNumber()).isTrue();
        assertThat(direct.get("client_address").asText()).isEqualTo("127.0.0.1");
        assertThat(direct.get("iam_id").asText()).isEqualTo(iamId);

        // The cut-off request ends one of two ways, depending on where its read notices the closed connection: the
        // failure surfaces on the request's thread (408, with a line saying so, which must carry the trace id), or
        // Javalin turns the short body into a 400 without a line of its own. Either way its access line has the id.
        JsonNode slow = access(lines, "it-slow");
        assertThat(slow.get("status").asInt()).isIn(400, 408);
        if (slow.get("status").asInt() == 408) {
            assertThat(lines).as("a line logged while the cut-off request was served carries its trace id")
                    .anySatisfy(l -> {
                        assertThat(l.get("logger").asText()).isNotEqualTo("latchkey.access");
                        assertThat(l.get("message").asText()).contains("the connection closed before the request was read");
                        assertThat(l.path("trace_id").asText()).isEqualTo("it-slow");
                    });
        }

        // again, on the same data, with the environment variable alone: lines from the very start are JSON
        ServerProcess again = ServerProcess.startApart(dataDir, List.of(), Map.of("LATCHKEY_LOG_FORMAT", "json"));
        try (again) {
            assertThat(again.call("GET", "/health", null, null, Map.of("Transaction-Id", "it-env")).status())
                    .isEqualTo(200);
        }
        List<JsonNode> restarted = jsonLines(again.log);
        assertThat(restarted).anySatisfy(l -> assertThat(l.get("message").asText()).startsWith("Latchkey listening on "));
        assertThat(access(restarted, "it-env").get("route").asText()).isEqualTo("/health");
        assertThat(access(restarted, "it-env").get("iam_id").isNull()).isTrue();
    }

    /** Every line of the file, each parsed as a JSON object with the fields every line has. */
    private static List<JsonNode> jsonLines(Path log) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            JsonNode json;
            try {
                json = JSON.readTree(line);
            } catch (IOException e) {
                throw new AssertionError("not a JSON line: " + line, e);
            }
            assertThat(json != null && json.isObject()).as("a JSON object: %s", line).isTrue();
            assertThat(Instant.parse(json.get("time").asText())).as(line).isNotNull();
            assertThat(json.get("time").asText()).as(line).endsWith("Z");
            assertThat(json.get("level").asText()).as(line).isIn("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
            assertThat(json.get("logger").asText()).as(line).isNotBlank();
            assertThat(json.get("thread").isTextual()).as(line).isTrue();
            assertThat(json.get("message").isTextual()).as(line).isTrue();
            lines.add(json);
        }
        assertThat(lines).as("the server logged at all").isNotEmpty();
        return lines;
    }

    private static JsonNode access(List<JsonNode> lines, String trace) {
        return lines.stream().filter(l -> "latchkey.access".equals(l.get("logger").asText())
                        && trace.equals(l.path("trace_id").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no access line with trace " + trace + " in " + lines));
    }

    private static String claim(String token, String name) throws IOException {
        return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1])).get(name).asText();
    }

    /** Sends {@code start}, then a byte every 200 ms, until the server cuts the slow request off (or 20 s). */
    private static void trickleUntilCutOff(String url, String start) throws IOException {
        URI uri = URI.create(url);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(200);
            socket.getOutputStream().write(start.getBytes(StandardCharsets.ISO_8859_1));
            long deadline = System.nanoTime() + 20_000_000_000L;
            byte[] buffer = new byte[4096];
            while (System.nanoTime() < deadline) {
                try {
                    if (socket.getInputStream().read(buffer) < 0) {
                        return;
                    }
                } catch (SocketTimeoutException nothingYet) {
                    try {
                        socket.getOutputStream().write('a');
                    } catch (IOException closed) {
                        return;
                    }
                }
            }
            throw new AssertionError("the slow request was not cut off within 20 s");
        }
    }
}
