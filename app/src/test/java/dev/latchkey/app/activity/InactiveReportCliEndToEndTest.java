package dev.latchkey.app.activity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.app.support.LatchkeyCli;
import dev.latchkey.app.support.LatchkeyCli.Run;
import dev.latchkey.app.support.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code inactive-report} against a real server, as an admin would type it. */
class InactiveReportCliEndToEndTest {
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
    void anAdminListsTheKeysNotUsedWithinADuration() throws Exception {
        assertThat(latchkey("login", "--apikey", server.adminKey, "--url", server.url).exit()).isZero();
        Run created = latchkey("api-key-create", "never-used", "--output", "json");
        assertThat(created.exit()).as(created.err()).isZero();
        String keyId = TestServer.JSON.readTree(created.out()).get("id").asText();

        Run table = latchkey("inactive-report", "--duration", "12h");
        assertThat(table.exit()).as(table.err()).isZero();
        assertThat(table.out()).containsPattern("user key\\s+" + keyId + "\\s+never-used\\s+\\S+\\s+never");
        assertThat(table.err()).contains("(12 hours)");

        Run json = latchkey("inactive-report", "--output", "json");
        assertThat(json.exit()).as(json.err()).isZero();
        JsonNode report = TestServer.JSON.readTree(json.out());
        assertThat(report.get("report_duration").asText()).isEqualTo("720");
        assertThat(report.get("apikeys").toString()).contains(keyId);

        Run bad = latchkey("inactive-report", "--duration", "1w");
        assertThat(bad.exit()).isNotZero();
        assertThat(bad.err().strip()).contains("--duration must be a whole number of days or hours")
                .doesNotContain("Exception", "\tat ");
        Run tooLong = latchkey("inactive-report", "--duration", "400d");
        assertThat(tooLong.exit()).isNotZero();
        assertThat(tooLong.err()).contains("duration", "HTTP 400");
    }
}
