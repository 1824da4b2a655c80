package dev.latchkey.cli.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.cli.CliRun;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.StubIamServer;
import dev.latchkey.cli.StubServerTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeyChangeCommandsTest extends StubServerTest {
    private static final String SECRET = "lk_NEWSECRET0123456789abcdefghijklmnopqrstuvwxyzAB";
    private static final String CREATED = ApiKeyQueryCommandsTest.KEY_JSON + ",\"apikey\":\"" + SECRET + "\"}";

    @TempDir
    Path work;

    @BeforeEach
    void answers() {
        server.on("GET", "/v1/apikeys?pagesize=100", 200, "{\"apikeys\":[" + ApiKeyQueryCommandsTest.KEY_JSON + "}]}");
    }

    @Test
    void createSendsTheCallersIamIdAndFlagsAndShowsTheValueOnce() {
        server.on("POST", "/v1/apikeys", 201, CREATED);

        CliRun run = CliRun.run(config, "", "api-key-create", "ci", "-d", "deploys", "--expires-at", "2030-01-31",
                "--action-when-leaked", "disable", "--lock");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("Created API key ci (ApiKey-1).\nAPI key: " + SECRET
                + "\nSave this API key now: it cannot be shown again.\n");
        StubIamServer.Request request = server.requests("POST", "/v1/apikeys").get(0);
        assertThat(Json.parse(request.body())).isEqualTo(Json.parse("{\"name\":\"ci\",\"iam_id\":\"IBMid-1\","
                + "\"description\":\"deploys\",\"expires_at\":\"2030-01-31T00:00+0000\",\"action_when_leaked\":\"disable\"}"));
        assertThat(request.header("Entity-Lock")).isEqualTo("true");
        assertThat(request.header("Entity-Disable")).isEqualTo("false");
    }

    @Test
    void createWithFileWritesItOwnerOnlyAndDoesNotPrintTheValue() throws IOException {
        server.on("POST", "/v1/apikeys", 201, CREATED);
        Path file = work.resolve("ci.json");

        CliRun run = CliRun.run(config, "", "api-key-create", "ci", "--file", file.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out() + run.err()).doesNotContain(SECRET).contains(file.toString());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        JsonNode saved = Json.parse(Files.readString(file));
        assertThat(saved.path("apikey").asText()).isEqualTo(SECRET);
        assertThat(saved.properties()).map(Map.Entry::getKey)
                .containsExactly("name", "description", "apikey", "id", "created_at");
    }

    @Test
    void createWhenFileExistsThenRefusesBeforeCreatingAKey() throws IOException {
        server.on("POST", "/v1/apikeys", 201, CREATED);
        Path file = Files.writeString(work.resolve("taken.json"), "keep me");

        CliRun run = CliRun.run(config, "", "api-key-create", "ci", "--file", file.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("already exists");
        assertThat(Files.readString(file)).isEqualTo("keep me");
        assertThat(server.requests("POST", "/v1/apikeys")).isEmpty();
    }

    @Test
    void createWhenServerRefusesThenRemovesTheReservedFile() {
        server.on("POST", "/v1/apikeys", 422, "{\"errors\":[{\"code\":\"limit_reached\",\"message_code\":\"BXNIM0151E\","
                + "\"message\":\"The limit of supported API keys is reached\"}],\"status_code\":422}");
        Path file = work.resolve("ci.json");

        CliRun run = CliRun.run(config, "", "api-key-create", "ci", "--file", file.toString());

        assertThat(run.err()).isEqualTo("latchkey: The limit of supported API keys is reached (HTTP 422, BXNIM0151E)\n");
        assertThat(file).doesNotExist();
    }

    @Test
    void updateSendsOnlyTheGivenFieldsWithTheEtagAsIfMatch() {
        server.on("GET", "/v1/apikeys/ApiKey-1", 200, ApiKeyQueryCommandsTest.KEY_JSON + "}", Map.of("Etag", "7-abc"));
        server.on("PUT", "/v1/apikeys/ApiKey-1", 200, ApiKeyQueryCommandsTest.KEY_JSON.replace("\"ci\"", "\"cd\"") + "}");

        CliRun run = CliRun.run(config, "", "api-key-update", "ci", "-n", "cd", "--expires-at", "");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("Updated API key cd (ApiKey-1).\n");
        StubIamServer.Request put = server.requests("PUT", "/v1/apikeys/").get(0);
        assertThat(put.header("If-Match")).isEqualTo("7-abc");
        assertThat(Json.parse(put.body())).isEqualTo(Json.parse("{\"name\":\"cd\",\"expires_at\":\"\"}"));
    }

    @Test
    void updateWithoutAnyChangeIsAUsageError() {
        CliRun run = CliRun.run(config, "", "api-key-update", "ci");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Nothing to update");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void deleteAfterYesDeletes() {
        server.on("DELETE", "/v1/apikeys/ApiKey-1", 204, "");

        CliRun run = CliRun.run(config, "y\n", "api-key-delete", "ci");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEqualTo("Delete API key ci (ApiKey-1)? [y/N] ");
        assertThat(run.out()).isEqualTo("Deleted API key ci (ApiKey-1).\n");
    }

    @Test
    void deleteByIdAsksWithTheKeysName() {
        server.on("GET", "/v1/apikeys/ApiKey-1", 200, ApiKeyQueryCommandsTest.KEY_JSON + "}");

        CliRun run = CliRun.run(config, "n\n", "api-key-delete", "ApiKey-1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("Delete API key ci (ApiKey-1)? [y/N] Not deleted.\n");
        assertThat(server.requests("DELETE", "/v1/")).isEmpty();
    }

    @Test
    void deleteWhenStdinIsClosedThenRefuses() {
        CliRun run = CliRun.run(config, "", "api-key-delete", "ci");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).endsWith("latchkey: use -f to delete without confirmation\n");
        assertThat(server.requests("DELETE", "/v1/")).isEmpty();
    }

    @Test
    void deleteWithForceDeletesWithoutAsking() {
        server.on("DELETE", "/v1/apikeys/ApiKey-9", 204, "");

        CliRun run = CliRun.run(config, "", "api-key-delete", "ApiKey-9", "-f");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("Deleted API key ApiKey-9.\n");
        assertThat(server.requests("GET", "/v1/")).isEmpty();
    }

    @Test
    void lockUnlockDisableEnableCallTheirEndpoints() {
        server.on("POST", "/v1/apikeys/ApiKey-1/lock", 204, "");
        server.on("DELETE", "/v1/apikeys/ApiKey-1/lock", 204, "");
        server.on("POST", "/v1/apikeys/ApiKey-1/disable", 204, "");
        server.on("DELETE", "/v1/apikeys/ApiKey-1/disable", 204, "");

        assertThat(CliRun.run(config, "", "api-key-lock", "ci").out()).isEqualTo("Locked API key ci (ApiKey-1).\n");
        assertThat(CliRun.run(config, "", "api-key-unlock", "ApiKey-1").out()).isEqualTo("Unlocked API key ApiKey-1.\n");
        assertThat(CliRun.run(config, "", "api-key-disable", "ci").out()).isEqualTo("Disabled API key ci (ApiKey-1).\n");
        assertThat(CliRun.run(config, "", "api-key-enable", "ci").out()).isEqualTo("Enabled API key ci (ApiKey-1).\n");
        assertThat(server.requests()).filteredOn(r -> r.uri().endsWith("/lock") || r.uri().endsWith("/disable"))
                .extracting(r -> r.method() + " " + r.uri())
                .containsExactly("POST /v1/apikeys/ApiKey-1/lock", "DELETE /v1/apikeys/ApiKey-1/lock",
                        "POST /v1/apikeys/ApiKey-1/disable", "DELETE /v1/apikeys/ApiKey-1/disable");
    }

    @Test
    void lockWhenAlreadyLockedThenShowsTheConflict() {
        server.on("POST", "/v1/apikeys/ApiKey-1/lock", 409, "{\"errors\":[{\"code\":\"conflict\",\"message_code\":"
                + "\"BXNIM0509E\",\"message\":\"The entity is already in the requested state.\"}],\"status_code\":409}");

        CliRun run = CliRun.run(config, "", "api-key-lock", "ApiKey-1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("latchkey: The entity is already in the requested state. (HTTP 409, BXNIM0509E)\n");
    }
}
