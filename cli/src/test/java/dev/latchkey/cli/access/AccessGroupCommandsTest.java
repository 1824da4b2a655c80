package dev.latchkey.cli.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.cli.CliRun;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.StubIamServer;
import dev.latchkey.cli.StubServerTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The access group commands against a stub server: what they send, what they print, what they refuse. */
class AccessGroupCommandsTest extends StubServerTest {
    static final String GROUPS = "/v2/groups?account_id=acc1&limit=100";
    static final String OPS = "{\"id\":\"AccessGroupId-ops\",\"name\":\"ops\",\"description\":\"on call\","
            + "\"account_id\":\"acc1\",\"created_at\":\"2030-01-01T00:00:00Z\",\"created_by_id\":\"IBMid-1\"}";

    @BeforeEach
    void answers() {
        server.on("GET", GROUPS, 200, "{\"limit\":100,\"offset\":0,\"total_count\":2,\"groups\":[" + OPS + ","
                + "{\"id\":\"AccessGroupId-dev\",\"name\":\"dev\"}]}");
        server.on("GET", GROUPS + "&search=name%3Aops", 200, "{\"groups\":[" + OPS
                + ",{\"id\":\"AccessGroupId-ops2\",\"name\":\"ops2\"}]}");
        server.on("GET", GROUPS + "&search=name%3Anothing", 200, "{\"groups\":[]}");
        server.on("GET", "/v2/groups/AccessGroupId-ops", 200, OPS, Map.of("ETag", "\"AccessGroupId-ops-3\""));
        server.on("GET", "/v2/accounts/acc1/users?limit=100", 200, "{\"resources\":[{\"iam_id\":\"IBMid-alice\","
                + "\"email\":\"alice@example.com\"}],\"next_url\":null}");
        server.on("GET", "/v1/serviceids/?account_id=acc1&pagesize=100&name=billing", 200,
                "{\"serviceids\":[{\"id\":\"ServiceId-b\",\"name\":\"billing\"}]}");
    }

    @Test
    void groupsAreListedAsATableOrAsTheServersJsonAndFilteredByMember() {
        CliRun table = CliRun.run(config, "", "access-groups");
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).contains("ID", "NAME", "AccessGroupId-ops", "ops", "on call", "IBMid-1",
                "AccessGroupId-dev", "dev");

        CliRun json = CliRun.run(config, "", "access-groups", "--output", "json");
        assertThat(Json.parse(json.out()).path("groups").size()).isEqualTo(2);

        server.on("GET", GROUPS + "&iam_id=iam-ServiceId-b", 200, "{\"groups\":[" + OPS + "]}");
        CliRun ofService = CliRun.run(config, "", "access-groups", "--service-id", "billing");
        assertThat(ofService.exitCode()).as(ofService.err()).isZero();
        assertThat(ofService.out()).contains("AccessGroupId-ops").doesNotContain("AccessGroupId-dev");

        CliRun both = CliRun.run(config, "", "access-groups", "--service-id", "billing", "--user", "IBMid-2");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
    }

    @Test
    void showPrintsTheGroupAndEveryMemberWithNames() {
        server.on("GET", "/v2/groups/AccessGroupId-ops/members?verbose=true&limit=100", 200,
                "{\"members\":[{\"iam_id\":\"IBMid-alice\",\"type\":\"user\",\"name\":\"Alice\","
                        + "\"email\":\"alice@example.com\"}],\"next\":{\"href\":\"" + server.url()
                        + "/v2/groups/AccessGroupId-ops/members?verbose=true&limit=100&offset=100\"}}");
        server.on("GET", "/v2/groups/AccessGroupId-ops/members?verbose=true&limit=100&offset=100", 200,
                "{\"members\":[{\"iam_id\":\"iam-ServiceId-b\",\"type\":\"service\",\"name\":\"billing\"}]}");

        CliRun run = CliRun.run(config, "", "access-group", "ops");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("AccessGroupId-ops", "on call", "IBMid-alice", "alice@example.com", "Alice",
                "iam-ServiceId-b", "billing", "service");
        CliRun json = CliRun.run(config, "", "access-group", "AccessGroupId-ops", "--output", "json");
        assertThat(Json.parse(json.out()).path("members").size()).isEqualTo(2);
    }

    @Test
    void createSendsTheAccountOfTheTokenAndNamesWhatItMade() {
        server.on("POST", "/v2/groups?account_id=acc1", 201, "{\"id\":\"AccessGroupId-n\",\"name\":\"ci\"}");

        CliRun run = CliRun.run(config, "", "access-group-create", "ci", "-d", "deploy jobs");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("Created access group ci (AccessGroupId-n).\n");
        assertThat(Json.parse(server.requests("POST", "/v2/groups").get(0).body()))
                .isEqualTo(Json.parse("{\"name\":\"ci\",\"description\":\"deploy jobs\"}"));
    }

    @Test
    void updateSendsOnlyWhatWasGivenWithTheETagItRead() {
        server.on("PATCH", "/v2/groups/AccessGroupId-ops", 200, "{\"id\":\"AccessGroupId-ops\",\"name\":\"sre\"}");

        CliRun run = CliRun.run(config, "", "access-group-update", "ops", "-n", "sre");
        CliRun nothing = CliRun.run(config, "", "access-group-update", "ops");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("Updated access group sre (AccessGroupId-ops).\n");
        StubIamServer.Request patch = server.requests("PATCH", "/v2/groups/").get(0);
        assertThat(patch.header("If-Match")).isEqualTo("\"AccessGroupId-ops-3\"");
        assertThat(Json.parse(patch.body())).isEqualTo(Json.parse("{\"name\":\"sre\"}"));
        assertThat(nothing.exitCode()).isEqualTo(2);
        assertThat(nothing.err()).contains("Nothing to update");
        assertThat(server.requests("PATCH", "/v2/groups/")).hasSize(1);
    }

    @Test
    void deleteWithMembersOnlyWhenRecursiveAndAnUnknownNameDeletesNothing() {
        server.on("DELETE", "/v2/groups/AccessGroupId-ops", 409, "{\"errors\":[{\"code\":\"invalid_state\","
                + "\"message_code\":\"LKIAM0410E\",\"message\":\"Access group AccessGroupId-ops has 2 members; delete "
                + "it with force=true to remove its members and its policies with it.\"}],\"status_code\":409}");
        server.on("DELETE", "/v2/groups/AccessGroupId-ops?force=true", 204, "");

        CliRun plain = CliRun.run(config, "", "access-group-delete", "ops", "-f");
        CliRun recursive = CliRun.run(config, "", "access-group-delete", "ops", "-f", "-r");
        CliRun unknown = CliRun.run(config, "", "access-group-delete", "nothing", "-f");

        assertThat(plain.exitCode()).isEqualTo(1);
        assertThat(plain.err()).isEqualTo("latchkey: Access group AccessGroupId-ops has 2 members; delete it with "
                + "force=true to remove its members and its policies with it. With this command: -r. "
                + "(HTTP 409, LKIAM0410E)\n");
        assertThat(recursive.exitCode()).as(recursive.err()).isZero();
        assertThat(recursive.out()).isEqualTo("Deleted access group ops (AccessGroupId-ops).\n");
        assertThat(server.requests("DELETE", "/v2/groups/")).extracting(StubIamServer.Request::uri)
                .containsExactly("/v2/groups/AccessGroupId-ops", "/v2/groups/AccessGroupId-ops?force=true");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("latchkey: no access group named nothing\n");
    }

    @Test
    void addResolvesEveryMemberFirstAndReportsEachOutcome() {
        server.on("PUT", "/v2/groups/AccessGroupId-ops/members", 207, "{\"members\":["
                + "{\"iam_id\":\"IBMid-alice\",\"type\":\"user\",\"status_code\":200},"
                + "{\"iam_id\":\"iam-ServiceId-b\",\"type\":\"service\",\"status_code\":403,\"errors\":[{\"code\":"
                + "\"forbidden\",\"message\":\"You may not assign the group's policy on books.\"}]}]}");

        CliRun run = CliRun.run(config, "", "access-group-add", "ops", "--user", "alice@example.com",
                "--service-id", "billing");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEqualTo("Added alice@example.com (IBMid-alice) to access group ops (AccessGroupId-ops).\n");
        assertThat(run.err()).isEqualTo("latchkey: not added billing (ServiceId-b): You may not assign the group's "
                + "policy on books.\n");
        assertThat(Json.parse(server.requests("PUT", "/v2/groups/").get(0).body())).isEqualTo(Json.parse(
                "{\"members\":[{\"iam_id\":\"IBMid-alice\",\"type\":\"user\"},"
                        + "{\"iam_id\":\"iam-ServiceId-b\",\"type\":\"service\"}]}"));
    }

    @Test
    void aMemberThatMatchesNobodyChangesNothing() {
        CliRun unknownUser = CliRun.run(config, "", "access-group-add", "ops", "--user", "bob@example.com");
        CliRun none = CliRun.run(config, "", "access-group-add", "ops");

        assertThat(unknownUser.exitCode()).isEqualTo(1);
        assertThat(unknownUser.err()).isEqualTo("latchkey: no user with e-mail bob@example.com in the account\n");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("Name at least one member");
        assertThat(server.requests("PUT", "/v2/groups/")).isEmpty();
    }

    @Test
    void removeSendsTheIamIdsAndSaysWhoLeft() {
        server.on("POST", "/v2/groups/AccessGroupId-ops/members/delete", 207, "{\"access_group_id\":"
                + "\"AccessGroupId-ops\",\"members\":[{\"iam_id\":\"IBMid-alice\",\"status_code\":204},"
                + "{\"iam_id\":\"IBMid-carol\",\"status_code\":404,\"errors\":[{\"code\":\"not_found\","
                + "\"message\":\"IBMid-carol is not a member of the group.\"}]}]}");

        CliRun run = CliRun.run(config, "", "access-group-remove", "ops", "--user", "IBMid-alice,IBMid-carol");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEqualTo("Removed IBMid-alice from access group ops (AccessGroupId-ops).\n");
        assertThat(run.err()).isEqualTo("latchkey: not removed IBMid-carol: IBMid-carol is not a member of the group.\n");
        assertThat(Json.parse(server.requests("POST", "/v2/groups/").get(0).body()))
                .isEqualTo(Json.parse("{\"members\":[\"IBMid-alice\",\"IBMid-carol\"]}"));
    }

    @Test
    void aPolicyNamesTheGroupAsItsSubjectAndTakesOneSubjectOnly() {
        server.on("POST", "/v2/policies", 201, "{\"id\":\"p1\",\"subject\":{\"attributes\":[{\"key\":"
                + "\"access_group_id\",\"operator\":\"stringEquals\",\"value\":\"AccessGroupId-ops\"}]},"
                + "\"control\":{\"grant\":{\"roles\":[{\"role_id\":\"crn:v1:bluemix:public:iam::::role:Viewer\","
                + "\"display_name\":\"Viewer\"}]}},\"resource\":{\"attributes\":[{\"key\":\"serviceName\","
                + "\"operator\":\"stringEquals\",\"value\":\"iam-groups\"}]}}");

        CliRun run = CliRun.run(config, "", "policy-create", "--access-group", "ops", "--roles",
                "crn:v1:bluemix:public:iam::::role:Viewer", "--service-name", "iam-groups");
        CliRun both = CliRun.run(config, "", "policy-create", "--access-group", "ops", "--iam-id", "IBMid-1",
                "--roles", "Viewer", "--service-name", "iam-groups");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("Created policy p1: Viewer on serviceName=iam-groups for AccessGroupId-ops.\n");
        assertThat(Json.parse(server.requests("POST", "/v2/policies").get(0).body()).path("subject"))
                .isEqualTo(Json.parse("{\"attributes\":[{\"key\":\"access_group_id\",\"operator\":"
                        + "\"stringEquals\",\"value\":\"AccessGroupId-ops\"}]}"));
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
        assertThat(server.requests("POST", "/v2/policies")).hasSize(1);
    }
}
