package dev.latchkey.cli.resource;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.cli.CliRun;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.StubIamServer;
import dev.latchkey.cli.StubServerTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The resource commands against a stub server: what they send, what they print, how names and CRNs resolve. */
class ResourceCommandsTest extends StubServerTest {
    static final String GUID = "0b5b3c2e-1111-4222-8333-444455556666";
    static final String KEY_GUID = "9a8b7c6d-1111-4222-8333-444455556666";
    static final String CRN = "crn:v1:bluemix:public:books:global:a/acc1:" + GUID + "::";
    static final String SECRET = "lk_NEWSECRET0123456789abcdefghijklmnopqrstuvwxyzAB";
    static final String KEY = "{\"guid\":\"" + KEY_GUID + "\",\"name\":\"app\",\"crn\":\"crn:k\",\"state\":\"active\","
            + "\"resource_instance_url\":\"/v2/resource_instances/" + GUID + "\",\"credentials\":{\"apikey\":\"" + SECRET
            + "\",\"iam_apikey_id\":\"ApiKey-1\",\"iam_role_crn\":\"crn:v1:bluemix:public:iam::::serviceRole:Writer\"}}";

    @BeforeEach
    void answers() {
        server.on("GET", "/v2/resource_instances?name=shelf", 200, "{\"rows_count\":1,\"next_url\":null,"
                + "\"resources\":[{\"guid\":\"" + GUID + "\",\"name\":\"shelf\"}]}");
        server.on("GET", "/v2/resource_instances?name=twin", 200, "{\"rows_count\":2,\"next_url\":null,"
                + "\"resources\":[{\"guid\":\"a\",\"name\":\"twin\"},{\"guid\":\"b\",\"name\":\"twin\"}]}");
        server.on("GET", "/v2/resource_keys?name=app", 200, "{\"rows_count\":1,\"next_url\":null,\"resources\":["
                + KEY + "]}");
    }

    @Test
    void instancesFollowTheRelativeNextUrlToTheLastPage() {
        server.on("GET", "/v2/resource_instances?limit=200", 200, "{\"rows_count\":1,\"next_url\":"
                + "\"/v2/resource_instances?limit=200&start=b2s\",\"resources\":[{\"guid\":\"g1\",\"name\":\"one\","
                + "\"resource_id\":\"books\",\"state\":\"active\",\"locked\":false}]}");
        server.on("GET", "/v2/resource_instances?limit=200&start=b2s", 200, "{\"rows_count\":1,\"next_url\":null,"
                + "\"resources\":[{\"guid\":\"g2\",\"name\":\"two\",\"resource_id\":\"books\",\"locked\":true}]}");

        CliRun run = CliRun.run(config, "", "resource-instances");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("g1", "one", "g2", "two", "books", "yes");
        assertThat(server.requests("GET", "/v2/resource_instances")).hasSize(2);
    }

    @Test
    void instanceCreateSendsTheServiceAsResourceId() {
        server.on("POST", "/v2/resource_instances", 201, "{\"guid\":\"" + GUID + "\",\"name\":\"shelf\",\"crn\":\""
                + CRN + "\"}");

        CliRun run = CliRun.run(config, "", "resource-instance-create", "shelf", "--service", "books", "--plan", "gold");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("Created instance shelf (" + GUID + ") of service books.\nCRN: " + CRN + "\n");
        assertThat(Json.parse(server.requests("POST", "/v2/resource_instances").get(0).body())).isEqualTo(Json.parse(
                "{\"name\":\"shelf\",\"resource_id\":\"books\",\"resource_plan_id\":\"gold\"}"));
        CliRun neither = CliRun.run(config, "", "resource-instance-create", "shelf");
        assertThat(neither.exitCode()).as("--service or --plan is required").isEqualTo(2);
        assertThat(neither.err()).contains("--service, or --plan");
    }

    @Test
    void instanceCreateWithAPlanAloneSendsNoServiceAndSaysWhichServiceThePlanNamed() {
        server.on("POST", "/v2/resource_instances", 201, "{\"guid\":\"" + GUID + "\",\"name\":\"shelf\",\"crn\":\""
                + CRN + "\",\"resource_id\":\"books\"}");

        CliRun run = CliRun.run(config, "", "resource-instance-create", "shelf", "--plan", "gold");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Created instance shelf (" + GUID + ") of service books.\n");
        assertThat(Json.parse(server.requests("POST", "/v2/resource_instances").get(0).body())).isEqualTo(Json.parse(
                "{\"name\":\"shelf\",\"resource_plan_id\":\"gold\"}"));
    }

    @Test
    void plansAreListedPageByPageRegisteredAndDeleted() {
        server.on("GET", "/v2/resource_plans?limit=200&resource_id=books", 200, "{\"rows_count\":1,\"next_url\":"
                + "\"/v2/resource_plans?limit=200&resource_id=books&start=b2s\",\"resources\":[{\"id\":\"gold\","
                + "\"name\":\"Gold\",\"resource_id\":\"books\",\"built_in\":false,\"created_at\":\"2026-01-01\"}]}");
        server.on("GET", "/v2/resource_plans?limit=200&resource_id=books&start=b2s", 200, "{\"rows_count\":1,"
                + "\"next_url\":null,\"resources\":[{\"id\":\"lite-1\",\"name\":\"Lite\",\"resource_id\":\"books\","
                + "\"built_in\":true}]}");
        server.on("POST", "/v2/resource_plans", 201, "{\"id\":\"silver\",\"name\":\"Silver\",\"resource_id\":\"books\"}");
        server.on("DELETE", "/v2/resource_plans/silver", 204, "");
        server.on("GET", "/v2/resource_plans/silver", 200, "{\"id\":\"silver\",\"name\":\"Silver\"}");

        CliRun list = CliRun.run(config, "", "resource-plans", "--service", "books");
        CliRun create = CliRun.run(config, "", "resource-plan-create", "silver", "--service", "books", "--name",
                "Silver");
        CliRun closed = CliRun.run(config, "", "resource-plan-delete", "silver");
        CliRun delete = CliRun.run(config, "", "resource-plan-delete", "silver", "-f");

        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("ID", "SERVICE", "BUILT-IN", "gold", "Gold", "lite-1", "books", "yes", "no");
        assertThat(create.out()).isEqualTo("Registered plan Silver (silver) of service books.\n");
        assertThat(Json.parse(server.requests("POST", "/v2/resource_plans").get(0).body())).isEqualTo(Json.parse(
                "{\"id\":\"silver\",\"name\":\"Silver\",\"resource_id\":\"books\"}"));
        assertThat(closed.exitCode()).isEqualTo(1);
        assertThat(closed.err()).contains("Delete plan Silver (silver)?", "use -f");
        assertThat(delete.exitCode()).as(delete.err()).isZero();
        assertThat(delete.out()).isEqualTo("Deleted plan silver.\n");
        assertThat(server.requests("DELETE", "/v2/resource_plans/")).hasSize(1);
    }

    @Test
    void instanceDeleteResolvesTheNameAsksAndSendsRecursive() {
        server.on("DELETE", "/v2/resource_instances/" + GUID, 204, "");

        CliRun closed = CliRun.run(config, "", "resource-instance-delete", "shelf");
        CliRun confirmed = CliRun.run(config, "y\n", "resource-instance-delete", "shelf", "--recursive");
        CliRun twin = CliRun.run(config, "", "resource-instance-delete", "twin", "-f");

        assertThat(closed.exitCode()).isEqualTo(1);
        assertThat(closed.err()).contains("use -f");
        assertThat(confirmed.exitCode()).as(confirmed.err()).isZero();
        assertThat(confirmed.out()).isEqualTo("Deleted instance shelf (" + GUID + ") and its resource keys.\n");
        assertThat(server.requests("DELETE", "/v2/resource_instances/")).extracting(StubIamServer.Request::uri)
                .containsExactly("/v2/resource_instances/" + GUID + "?recursive=true");
        assertThat(twin.err()).isEqualTo("latchkey: several instances are named twin; use the ID\n");
    }

    @Test
    void aCrnIsUsedAsTheIdEncodedAsOnePathSegment() {
        server.on("DELETE", "/v2/resource_instances/crn%3Av1%3Abluemix%3Apublic%3Abooks%3Aglobal%3Aa%2Facc1%3A" + GUID
                + "%3A%3A", 204, "");

        CliRun run = CliRun.run(config, "", "resource-instance-delete", CRN, "-f");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(server.requests("GET", "/v2/resource_instances")).as("no lookup for an id").isEmpty();
    }

    @Test
    void keyCreatePrintsTheCredentialsOnceWithTheRoleAndServiceIdSent() {
        server.on("POST", "/v2/resource_keys", 201, KEY);

        CliRun run = CliRun.run(config, "", "resource-key-create", "app", "--instance", "shelf", "--role", "Reader",
                "--service-id", "ServiceId-7");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Created resource key app (" + KEY_GUID + ").\nCredentials:\n")
                .contains("  apikey: " + SECRET + "\n", "  iam_apikey_id: ApiKey-1\n");
        assertThat(Json.parse(server.requests("POST", "/v2/resource_keys").get(0).body())).isEqualTo(Json.parse(
                "{\"name\":\"app\",\"source\":\"" + GUID + "\",\"role\":\"Reader\","
                        + "\"parameters\":{\"serviceid_crn\":\"ServiceId-7\"}}"));
    }

    @Test
    void keysOfAnInstanceAndOneKeyNeverShowTheValueInATable() {
        server.on("GET", "/v2/resource_instances/" + GUID + "/resource_keys?limit=200", 200,
                "{\"rows_count\":1,\"next_url\":null,\"resources\":[" + KEY + "]}");
        server.on("GET", "/v2/resource_keys/" + KEY_GUID, 200, KEY);

        CliRun list = CliRun.run(config, "", "resource-keys", "--instance", "shelf");
        CliRun show = CliRun.run(config, "", "resource-key", "app");
        CliRun json = CliRun.run(config, "", "resource-key", KEY_GUID, "--output", "json");

        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains(KEY_GUID, "app", GUID, "Writer").doesNotContain(SECRET);
        assertThat(show.out()).contains("API key ID", "ApiKey-1", "use --output json").doesNotContain(SECRET);
        assertThat(json.out()).contains(SECRET);
    }

    @Test
    void keyDeleteResolvesTheNameAndDeletesWithForce() {
        server.on("DELETE", "/v2/resource_keys/" + KEY_GUID, 204, "");

        CliRun run = CliRun.run(config, "", "resource-key-delete", "app", "-f");
        CliRun unknown = CliRun.run(config, "", "resource-key-delete", "nobody", "-f");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("Deleted resource key app (" + KEY_GUID + ").\n");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(server.requests("DELETE", "/v2/resource_keys/")).hasSize(1);
    }
}
