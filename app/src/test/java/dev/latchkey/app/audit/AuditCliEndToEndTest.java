package dev.latchkey.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.app.support.LatchkeyCli;
import dev.latchkey.app.support.LatchkeyCli.Run;
import dev.latchkey.app.support.TestServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code audit} against a real server, as an administrator or a SIEM's export job would run it. */
class AuditCliEndToEndTest {
    final TestServer server = TestServer.h2();
    @TempDir
    Path configDir;

    @AfterEach
    void stop() {
        server.close();
        LatchkeyCli.reset();
    }

    Run latchkey(String... args) {
        return new LatchkeyCli(configDir).run(args);
    }

    @Test
    void theLogPrintsAsATableAsJsonAndAsJsonLinesOldestFirst() throws Exception {
        assertThat(latchkey("login", "--apikey", server.adminKey, "--url", server.url).exit()).isZero();
        for (String name : List.of("first", "second", "third")) {
            Run created = latchkey("api-key-create", name, "--output", "json");
            assertThat(created.exit()).as(created.err()).isZero();
        }
        String value = TestServer.JSON.readTree(latchkey("api-key-create", "fourth", "--output", "json").out())
                .get("apikey").asText();

        Run table = latchkey("audit", "--action", "iam-identity.apikey.create", "--limit", "2");
        assertThat(table.exit()).as(table.err()).isZero();
        assertThat(table.out().lines().findFirst().orElseThrow()).contains("SEQ", "ACTOR", "ACTION", "TARGET");
        assertThat(table.out()).contains("apikey fourth", "apikey third", "name=fourth").doesNotContain("second");
        assertThat(table.err()).contains("More events");

        Run jsonl = latchkey("audit", "--jsonl", "--action", "iam-identity.apikey.create");
        assertThat(jsonl.exit()).as(jsonl.err()).isZero();
        List<JsonNode> lines = jsonl.out().lines().map(line -> {
            try {
                return TestServer.JSON.readTree(line);
            } catch (java.io.IOException e) {
                throw new AssertionError(line, e);
            }
        }).toList();
        assertThat(lines).extracting(e -> e.get("target").get("name").asText())
                .containsSubsequence("first", "second", "third", "fourth");
        for (int i = 1; i < lines.size(); i++) {
            assertThat(lines.get(i).get("seq").asLong()).as("oldest first").isGreaterThan(lines.get(i - 1).get("seq")
                    .asLong());
        }
        assertThat(jsonl.out()).doesNotContain(value);

        Run json = latchkey("audit", "--output", "json", "--target", lines.get(0).get("target").get("id").asText());
        assertThat(TestServer.JSON.readTree(json.out()).get("events")).hasSize(1);

        Run bad = latchkey("audit", "--from", "last tuesday");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("HTTP 400").doesNotContain("\tat ");
        assertThat(latchkey("audit", "--limit", "0").err()).contains("--limit must be from 1 to 100");
    }
}
