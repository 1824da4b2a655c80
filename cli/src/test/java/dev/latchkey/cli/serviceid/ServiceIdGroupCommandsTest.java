package dev.latchkey.cli.serviceid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.cli.CliRun;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.StubServerTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The service ID group commands and the service ID commands' --group against a stub server (decision 0043). */
class ServiceIdGroupCommandsTest extends StubServerTest {
    static final String GROUPS = "/v1/serviceid_groups?account_id=acc1";

    @BeforeEach
    void answers() {
        server.on("GET", GROUPS, 200, "{\"serviceid_groups\":[{\"id\":\"ServiceIdGroup-p\",\"name\":\"payments\","
                + "\"description\":\"payment jobs\",\"created_at\":\"2030-01-01T00:00+0000\",\"created_by\":\"IBMid-1\"},"
                + "{\"id\":\"ServiceIdGroup-r\",\"name\":\"reports\"}]}");
        server.on("GET", "/v1/serviceids/?account_id=acc1&pagesize=100&name=billing", 200,
                "{\"serviceids\":[{\"id\":\"ServiceId-b\",\"name\":\"billing\"}]}");
    }

    @Test
    void groupsAreListedAsATableOrAsTheServersJson() {
        CliRun table = CliRun.run(config, "", "service-id-groups");
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).contains("ID", "NAME", "ServiceIdGroup-p", "payments", "payment jobs", "IBMid-1",
                "ServiceIdGroup-r", "reports");

        CliRun json = CliRun.run(config, "", "service-id-groups", "--output", "json");
        assertThat(Json.parse(json.out()).path("serviceid_groups").size()).isEqualTo(2);
    }

    @Test
    void createSendsTheAccountOfTheTokenAndNamesWhatItMade() {
        server.on("POST", "/v1/serviceid_groups", 201, "{\"id\":\"ServiceIdGroup-n\",\"name\":\"ci\"}");

        CliRun run = CliRun.run(config, "", "service-id-group-create", "ci", "-d", "deploy jobs");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("Created service ID group ci (ServiceIdGroup-n).\n");
        assertThat(Json.parse(server.requests("POST", "/v1/serviceid_groups").get(0).body()))
                .isEqualTo(Json.parse("{\"account_id\":\"acc1\",\"name\":\"ci\",\"description\":\"deploy jobs\"}"));
    }

    @Test
    void deleteResolvesTheNameAndAnUnknownNameDeletesNothing() {
        server.on("DELETE", "/v1/serviceid_groups/ServiceIdGroup-r", 204, "");

        CliRun deleted = CliRun.run(config, "", "service-id-group-delete", "reports", "-f");
        CliRun unknown = CliRun.run(config, "", "service-id-group-delete", "nothing", "-f");

        assertThat(deleted.exitCode()).as(deleted.err()).isZero();
        assertThat(deleted.out()).isEqualTo("Deleted service ID group reports (ServiceIdGroup-r).\n");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("latchkey: no service ID group named nothing\n");
        assertThat(server.requests("DELETE", "/v1/serviceid_groups/")).hasSize(1);
    }

    @Test
    void aServiceIdIsCreatedInAGroupAndMovedOutOfIt() {
        server.on("POST", "/v1/serviceids/", 201, "{\"id\":\"ServiceId-n\",\"name\":\"runner\"}");
        server.on("GET", "/v1/serviceids/ServiceId-b", 200, "{\"id\":\"ServiceId-b\",\"name\":\"billing\"}",
                Map.of("Etag", "2-abc"));
        server.on("PUT", "/v1/serviceids/ServiceId-b", 200, "{\"id\":\"ServiceId-b\",\"name\":\"billing\"}");

        CliRun created = CliRun.run(config, "", "service-id-create", "runner", "--group", "payments");
        CliRun movedOut = CliRun.run(config, "", "service-id-update", "billing", "--group", "");
        CliRun movedIn = CliRun.run(config, "", "service-id-update", "billing", "-g", "ServiceIdGroup-r");

        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(Json.parse(server.requests("POST", "/v1/serviceids/").get(0).body())).isEqualTo(Json.parse(
                "{\"account_id\":\"acc1\",\"name\":\"runner\",\"group_id\":\"ServiceIdGroup-p\"}"));
        assertThat(movedOut.exitCode()).as(movedOut.err()).isZero();
        assertThat(movedIn.exitCode()).as(movedIn.err()).isZero();
        assertThat(server.requests("PUT", "/v1/serviceids/")).extracting(r -> Json.parse(r.body()))
                .containsExactly(Json.parse("{\"group_id\":\"\"}"), Json.parse("{\"group_id\":\"ServiceIdGroup-r\"}"));
        assertThat(server.requests("PUT", "/v1/serviceids/").get(0).header("If-Match")).isEqualTo("2-abc");

        CliRun unknown = CliRun.run(config, "", "service-id-create", "x", "--group", "nothing");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("latchkey: no service ID group named nothing\n");
        assertThat(server.requests("POST", "/v1/serviceids/")).as("nothing sent").hasSize(1);
    }
}
