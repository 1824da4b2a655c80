package dev.latchkey.cli.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.cli.CliRun;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.StubServerTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** The webhook endpoint and outbox commands against a stub server: what they send, show and keep secret. */
class NotificationCommandsTest extends StubServerTest {
    static final String ENDPOINTS = "/v1/accounts/acc1/notification_endpoints";
    static final String SECRET = "lkwh_" + "A".repeat(49);
    static final String CREATED = "{\"id\":\"Endpoint-1\",\"account_id\":\"acc1\",\"url\":\"https://hooks.example.com/lk\","
            + "\"events\":[\"audit\",\"key\"],\"secret\":\"" + SECRET + "\"}";

    @Test
    void createSendsWhatWasGivenAndShowsTheSecretOnce() {
        server.on("POST", ENDPOINTS, 201, CREATED);

        CliRun run = CliRun.run(config, "", "notification-endpoint-create", "https://hooks.example.com/lk",
                "--events", "key,audit", "-d", "security");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("Created webhook endpoint Endpoint-1 for https://hooks.example.com/lk "
                + "(events: audit,key).\nSigning secret: " + SECRET + "\nSave this secret now: it cannot be shown "
                + "again. Verify each request's Latchkey-Signature with it.\n");
        assertThat(Json.parse(server.requests("POST", ENDPOINTS).get(0).body())).isEqualTo(Json.parse(
                "{\"url\":\"https://hooks.example.com/lk\",\"description\":\"security\",\"events\":[\"key\",\"audit\"]}"));
    }

    @Test
    void aSecretFileIsClaimedFirstAndTheSecretGoesOnlyThere() throws IOException {
        server.on("POST", ENDPOINTS, 201, CREATED);
        Path file = config.resolve("hook-secret");

        CliRun run = CliRun.run(config, "", "notification-endpoint-create", "https://hooks.example.com/lk",
                "--secret-file", file.toString(), "--output", "json");
        CliRun taken = CliRun.run(config, "", "notification-endpoint-create", "https://hooks.example.com/lk",
                "--secret-file", file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).doesNotContain(SECRET).contains("\"secret_file\"");
        assertThat(Files.readString(file)).isEqualTo(SECRET + "\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(taken.exitCode()).isEqualTo(1);
        assertThat(taken.err()).isEqualTo("latchkey: " + file + " already exists; not overwriting it\n");
        assertThat(server.requests("POST", ENDPOINTS)).as("nothing created for a taken file").hasSize(1);
    }

    @Test
    void aRefusedCreateLeavesNoSecretFile() {
        server.on("POST", ENDPOINTS, 400, "{\"errors\":[{\"code\":\"invalid_request\",\"message_code\":\"BXNIM0106E\","
                + "\"message\":\"Field 'url' must be an https URL of a public address.\"}],\"status_code\":400}");
        Path file = config.resolve("never");

        CliRun run = CliRun.run(config, "", "notification-endpoint-create", "http://10.0.0.1/",
                "--secret-file", file.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("must be an https URL of a public address");
        assertThat(file).doesNotExist();
    }

    @Test
    void endpointsAreListedWithoutSecretsAndDeleted() {
        server.on("GET", ENDPOINTS, 200, "{\"endpoints\":[{\"id\":\"Endpoint-1\",\"url\":\"https://hooks.example.com/lk\","
                + "\"description\":\"security\",\"events\":[\"key\"],\"created_at\":\"2030-01-01T00:00+0000\","
                + "\"created_by\":\"IBMid-1\"}]}");
        server.on("DELETE", ENDPOINTS + "/Endpoint-1", 204, "");

        CliRun list = CliRun.run(config, "", "notification-endpoints");
        CliRun deleted = CliRun.run(config, "", "notification-endpoint-delete", "Endpoint-1", "-f");

        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("Endpoint-1", "https://hooks.example.com/lk", "key", "security", "IBMid-1");
        assertThat(deleted.exitCode()).as(deleted.err()).isZero();
        assertThat(deleted.out()).isEqualTo("Deleted webhook endpoint Endpoint-1.\n");
    }

    @Test
    void anUpdateSendsOnlyWhatWasGivenWithTheTagItReadAndRefusesToSendNothing() {
        String one = ENDPOINTS + "/Endpoint-1";
        server.on("GET", one, 200, "{\"id\":\"Endpoint-1\",\"events\":[\"key\"],\"entity_tag\":\"1-abc\"}",
                java.util.Map.of("ETag", "1-abc"));
        server.on("PATCH", one, 200, "{\"id\":\"Endpoint-1\",\"url\":\"https://hooks.example.com/lk\","
                + "\"events\":[\"key\",\"audit\"],\"entity_tag\":\"2-def\"}");

        CliRun run = CliRun.run(config, "", "notification-endpoint-update", "Endpoint-1", "--events", "key, audit");
        CliRun cleared = CliRun.run(config, "", "notification-endpoint-update", "Endpoint-1", "-d", "");
        CliRun nothing = CliRun.run(config, "", "notification-endpoint-update", "Endpoint-1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("Updated webhook endpoint Endpoint-1 for https://hooks.example.com/lk "
                + "(events: key,audit).\n");
        var sent = server.requests("PATCH", one);
        assertThat(sent.get(0).header("If-Match")).isEqualTo("1-abc");
        assertThat(Json.parse(sent.get(0).body())).isEqualTo(Json.parse("{\"events\":[\"key\",\"audit\"]}"));
        assertThat(cleared.exitCode()).as(cleared.err()).isZero();
        assertThat(Json.parse(sent.get(1).body())).isEqualTo(Json.parse("{\"description\":\"\"}"));
        assertThat(nothing.exitCode()).isEqualTo(2);
        assertThat(nothing.err()).contains("Nothing to update: give --events, --description or both");
        assertThat(sent).as("nothing sent for nothing to change").hasSize(2);
    }

    @Test
    void theOutboxIsFilteredByStateAndSaysWhenThereIsMore() {
        server.on("GET", "/v1/accounts/acc1/notifications?pagesize=5&state=failed", 200, "{\"notifications\":[{\"id\":"
                + "\"Msg-1\",\"type\":\"apikey.leaked\",\"apikey_id\":\"ApiKey-9\",\"channel\":\"webhook\",\"recipient\":"
                + "\"https://hooks.example.com/lk\",\"state\":\"failed\",\"attempts\":8,\"last_error\":\"HTTP 500\","
                + "\"created_at\":\"2030-01-01T00:00:00Z\"}],\"next\":\"" + server.url()
                + "/v1/accounts/acc1/notifications?pagesize=5&state=failed&offset=5\"}");

        CliRun run = CliRun.run(config, "", "notifications", "--state", "failed", "--limit", "5");
        CliRun tooMany = CliRun.run(config, "", "notifications", "--limit", "500");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Msg-1", "apikey.leaked", "ApiKey-9", "webhook", "failed", "8", "HTTP 500");
        assertThat(run.err()).isEqualTo("More notifications: give --all or a larger --limit.\n");
        assertThat(tooMany.exitCode()).isEqualTo(1);
        assertThat(server.requests("GET", "/v1/accounts/acc1/notifications")).hasSize(1);
    }
}
