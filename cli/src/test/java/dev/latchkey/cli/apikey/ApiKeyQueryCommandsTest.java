package dev.latchkey.cli.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.cli.CliRun;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.StubServerTest;
import org.junit.jupiter.api.Test;

class ApiKeyQueryCommandsTest extends StubServerTest {
    static final String KEY_JSON = "{\"id\":\"ApiKey-1\",\"entity_tag\":\"1-b4053b5d441613fdad4ff3c28db3e7cc\","
            + "\"crn\":\"crn:v1:bluemix:public:iam-identity::a/acc1::apikey:ApiKey-1\",\"locked\":false,\"disabled\":true,"
            + "\"created_at\":\"2024-10-04T12:28+0000\",\"created_by\":\"IBMid-1\",\"modified_at\":\"2024-10-05T08:00+0000\","
            + "\"support_sessions\":false,\"action_when_leaked\":\"disable\",\"name\":\"ci\",\"description\":\"deploys\","
            + "\"iam_id\":\"IBMid-1\",\"account_id\":\"acc1\"";

    @Test
    void apiKeysPrintsATableOfEveryPage() {
        server.on("GET", "/v1/apikeys?pagesize=100&scope=account&type=user&iam_id=IBMid-2", 200, "{\"limit\":100,"
                + "\"apikeys\":[" + KEY_JSON + ",\"expires_at\":\"2030-01-01T00:00+0000\"}],"
                + "\"next\":\"" + server.url() + "/v1/apikeys?pagetoken=2\"}");
        server.on("GET", "/v1/apikeys?pagetoken=2", 200, "{\"apikeys\":[{\"id\":\"ApiKey-22\",\"name\":\"bot\","
                + "\"created_at\":\"2024-11-01T09:00+0000\",\"locked\":true,\"disabled\":false}]}");

        CliRun run = CliRun.run(config, "", "api-keys", "--scope", "account", "--type", "user", "--iam-id", "IBMid-2");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("""
                ID         NAME  DESCRIPTION  CREATED                EXPIRES                LOCKED  DISABLED
                ApiKey-1   ci    deploys      2024-10-04T12:28+0000  2030-01-01T00:00+0000  no      yes
                ApiKey-22  bot   -            2024-11-01T09:00+0000  -                      yes     no
                """);
    }

    @Test
    void apiKeysWithJsonOutputPrintsTheServerJsonWithAllItems() {
        server.on("GET", "/v1/apikeys?pagesize=100", 200, "{\"limit\":100,\"apikeys\":[" + KEY_JSON + "}]}");

        CliRun run = CliRun.run(config, "", "api-keys", "--output", "json");

        assertThat(run.exitCode()).isZero();
        assertThat(Json.parse(run.out()).path("apikeys").get(0).path("crn").asText()).startsWith("crn:v1:");
        assertThat(run.out()).contains("\n  ");
    }

    @Test
    void apiKeysWhenNoneThenSaysSoOnStderr() {
        server.on("GET", "/v1/apikeys?pagesize=100", 200, "{\"limit\":100,\"apikeys\":[]}");

        CliRun run = CliRun.run(config, "", "api-keys");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("No API keys found.\n");
    }

    @Test
    void apiKeyByNameShowsFieldsAndHistory() {
        server.on("GET", "/v1/apikeys?pagesize=100", 200, "{\"apikeys\":[" + KEY_JSON + "}]}");
        server.on("GET", "/v1/apikeys/ApiKey-1?include_history=true", 200, KEY_JSON + ",\"history\":[{\"timestamp\":"
                + "\"2024-10-04T12:28+0000\",\"iam_id\":\"IBMid-1\",\"iam_id_account\":\"acc1\",\"action\":\"create\","
                + "\"params\":[],\"message\":\"Created API key\"}]}");

        CliRun run = CliRun.run(config, "", "api-key", "ci");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("""
                FIELD                VALUE
                ID                   ApiKey-1
                Name                 ci
                Description          deploys
                IAM ID               IBMid-1
                Account ID           acc1
                Created at           2024-10-04T12:28+0000
                Created by           IBMid-1
                Modified at          2024-10-05T08:00+0000
                Expires at           -
                Locked               no
                Disabled             yes
                Action when leaked   disable
                Last authentication  -
                Authentications      -

                TIMESTAMP              ACTION  IAM ID   MESSAGE
                2024-10-04T12:28+0000  create  IBMid-1  Created API key
                """);
    }

    @Test
    void apiKeyWithActivityAsksForItAndShowsIt() {
        server.on("GET", "/v1/apikeys/ApiKey-1?include_history=true&include_activity=true", 200, KEY_JSON
                + ",\"activity\":{\"last_authn\":\"2024-12-01T10:00+0000\",\"authn_count\":42}}");

        CliRun run = CliRun.run(config, "", "api-key", "ApiKey-1", "--activity");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Last authentication  2024-12-01T10:00+0000\n")
                .contains("Authentications      42\n");
    }

    @Test
    void apiKeyWhenServerSaysNotFoundThenPrintsItsMessageAndCode() {
        CliRun run = CliRun.run(config, "", "api-key", "ApiKey-gone");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("latchkey: No stub for GET /v1/apikeys/ApiKey-gone?include_history=true"
                + " (HTTP 404, BXNIM0102E)\n");
    }

    @Test
    void apiKeyWhenNameIsUnknownThenSaysSo() {
        server.on("GET", "/v1/apikeys?pagesize=100", 200, "{\"apikeys\":[]}");

        CliRun run = CliRun.run(config, "", "api-key", "nope");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("latchkey: no API key named nope\n");
    }
}
