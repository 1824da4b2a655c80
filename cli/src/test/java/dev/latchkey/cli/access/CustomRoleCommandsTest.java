package dev.latchkey.cli.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.cli.CliRun;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.StubServerTest;
import dev.latchkey.cli.StubIamServer.Request;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The custom role commands against a stub server (decision 0046): what they send, print and refuse. */
class CustomRoleCommandsTest extends StubServerTest {
    static final String ID = "0123456789abcdef0123456789abcdef";
    static final String CRN = "crn:v1:bluemix:public:iam-access-management::a/acc1::customRole:ShelfWriter";
    static final String ROLE = "{\"id\":\"" + ID + "\",\"name\":\"ShelfWriter\",\"display_name\":\"Shelf writer\","
            + "\"description\":\"reads and writes shelves\",\"actions\":[\"books.shelf.read\",\"books.shelf.write\"],"
            + "\"crn\":\"" + CRN + "\",\"account_id\":\"acc1\",\"service_name\":\"books\","
            + "\"created_at\":\"2030-01-01T00:00:00.000Z\",\"created_by_id\":\"IBMid-1\","
            + "\"last_modified_at\":\"2030-01-02T00:00:00.000Z\",\"last_modified_by_id\":\"IBMid-2\","
            + "\"href\":\"http://x/v2/roles/" + ID + "\"}";
    static final String PATH = "/v2/roles/" + ID;

    @BeforeEach
    void answers() {
        server.on("GET", "/v2/roles?account_id=acc1", 200, "{\"custom_roles\":[" + ROLE + ",{\"id\":\""
                + "fedcba9876543210fedcba9876543210\",\"name\":\"Auditor\",\"display_name\":\"Auditor\"}],"
                + "\"service_roles\":[],\"system_roles\":[{\"display_name\":\"Viewer\","
                + "\"crn\":\"crn:v1:bluemix:public:iam::::role:Viewer\"}]}");
        server.on("GET", PATH, 200, ROLE, Map.of("ETag", "\"" + ID + "-3\""));
    }

    @Test
    void createSendsTheAccountOfTheTokenAndPrintsTheIdAndCrn() {
        server.on("POST", "/v2/roles", 201, ROLE, Map.of("ETag", "\"" + ID + "-1\""));

        CliRun run = CliRun.run(config, "", "role-create", "ShelfWriter", "--display-name", "Shelf writer",
                "--service-name", "books", "--actions", "books.shelf.read, books.shelf.write", "-d",
                "reads and writes shelves");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("Created custom role Shelf writer (" + ID + ").\nCRN: " + CRN + "\n");
        Request post = server.requests("POST", "/v2/roles").get(0);
        assertThat(post.header("Content-Type")).isEqualTo("application/json");
        assertThat(Json.parse(post.body())).isEqualTo(Json.parse("{\"account_id\":\"acc1\",\"name\":\"ShelfWriter\","
                + "\"display_name\":\"Shelf writer\",\"service_name\":\"books\",\"description\":"
                + "\"reads and writes shelves\",\"actions\":[\"books.shelf.read\",\"books.shelf.write\"]}"));

        CliRun json = CliRun.run(config, "", "role-create", "ShelfWriter", "--display-name", "Shelf writer",
                "--service-name", "books", "--actions", "books.shelf.read", "--output", "json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        assertThat(Json.parse(json.out())).isEqualTo(Json.parse(ROLE));
        assertThat(Json.parse(server.requests("POST", "/v2/roles").get(1).body()).has("description")).isFalse();
    }

    @Test
    void createWithoutItsRequiredOptionsIsAUsageErrorAndSendsNothing() {
        CliRun run = CliRun.run(config, "", "role-create", "ShelfWriter", "--display-name", "Shelf writer");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--service-name", "--actions");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aRoleIsShownByNameOrByIdAsATableOrAsTheServersJson() {
        CliRun byName = CliRun.run(config, "", "role", "ShelfWriter");
        assertThat(byName.exitCode()).as(byName.err()).isZero();
        assertThat(byName.out()).startsWith("FIELD").containsPattern("ID +" + ID)
                .containsPattern("Name +ShelfWriter").containsPattern("Display name +Shelf writer")
                .containsPattern("Description +reads and writes shelves").containsPattern("Service +books")
                .containsPattern("Actions +books.shelf.read, books.shelf.write").containsPattern("CRN +" + CRN)
                .containsPattern("Created at +2030-01-01T00:00:00.000Z").containsPattern("Created by +IBMid-1")
                .containsPattern("Modified at +2030-01-02T00:00:00.000Z").containsPattern("Modified by +IBMid-2");

        CliRun byId = CliRun.run(config, "", "role", ID, "--output", "json");
        assertThat(byId.exitCode()).as(byId.err()).isZero();
        assertThat(Json.parse(byId.out())).isEqualTo(Json.parse(ROLE));
        assertThat(server.requests("GET", "/v2/roles?")).as("an ID needs no lookup").hasSize(1);
    }

    @Test
    void anUnknownNameIsAClearErrorAndNothingIsWritten() {
        CliRun shown = CliRun.run(config, "", "role", "Nothing");
        CliRun updated = CliRun.run(config, "", "role-update", "Nothing", "--display-name", "x");
        CliRun deleted = CliRun.run(config, "", "role-delete", "Nothing", "-f");

        for (CliRun run : new CliRun[] {shown, updated, deleted}) {
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).isEqualTo("latchkey: no custom role named Nothing\n");
        }
        assertThat(server.requests("PUT", "/v2/roles")).isEmpty();
        assertThat(server.requests("DELETE", "/v2/roles")).isEmpty();
    }

    @Test
    void updateSendsTheWholeRoleWithTheGivenChangesAndTheEtagAsIfMatch() {
        server.on("PUT", PATH, 200, ROLE.replace("Shelf writer", "Shelf editor"));

        CliRun run = CliRun.run(config, "", "role-update", "ShelfWriter", "--display-name", "Shelf editor");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("Updated custom role ShelfWriter (" + ID + ").\n");
        Request put = server.requests("PUT", PATH).get(0);
        assertThat(put.header("If-Match")).isEqualTo("\"" + ID + "-3\"");
        assertThat(Json.parse(put.body())).isEqualTo(Json.parse("{\"display_name\":\"Shelf editor\",\"description\":"
                + "\"reads and writes shelves\",\"actions\":[\"books.shelf.read\",\"books.shelf.write\"]}"));
    }

    @Test
    void updateReplacesTheActionsAndAnEmptyDescriptionRemovesIt() {
        server.on("PUT", PATH, 200, ROLE);

        CliRun run = CliRun.run(config, "", "role-update", ID, "--actions", "books.shelf.read", "-d", "",
                "--output", "json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Json.parse(run.out())).isEqualTo(Json.parse(ROLE));
        Request put = server.requests("PUT", PATH).get(0);
        assertThat(put.header("If-Match")).isEqualTo("\"" + ID + "-3\"");
        assertThat(Json.parse(put.body())).isEqualTo(Json.parse(
                "{\"display_name\":\"Shelf writer\",\"actions\":[\"books.shelf.read\"]}"));
    }

    @Test
    void updateWithNothingToChangeIsAUsageErrorAndSendsNothing() {
        CliRun run = CliRun.run(config, "", "role-update", "ShelfWriter");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Nothing to update");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void updateRefusesWithoutAnEtag() {
        server.on("GET", PATH, 200, ROLE);

        CliRun run = CliRun.run(config, "", "role-update", ID, "--display-name", "x");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("latchkey: the server sent no ETag for custom role " + ID
                + "; cannot update it safely\n");
        assertThat(server.requests("PUT", "/v2/roles")).isEmpty();
    }

    @Test
    void deleteResolvesTheNameAsksAndReportsTheServersRefusal() {
        server.on("DELETE", PATH, 204, "");

        CliRun declined = CliRun.run(config, "n\n", "role-delete", ID);
        assertThat(declined.exitCode()).isEqualTo(1);
        assertThat(declined.err()).contains("Delete custom role ShelfWriter (" + ID + ")? [y/N]", "Not deleted.");
        assertThat(server.requests("DELETE", "/v2/roles")).isEmpty();

        CliRun deleted = CliRun.run(config, "", "role-delete", "ShelfWriter", "-f");
        assertThat(deleted.exitCode()).as(deleted.err()).isZero();
        assertThat(deleted.out()).isEqualTo("Deleted custom role ShelfWriter (" + ID + ").\n");
        assertThat(server.requests("DELETE", "/v2/roles")).extracting(Request::uri).containsExactly(PATH);

        server.on("DELETE", PATH, 409, "{\"trace\":\"t\",\"errors\":[{\"code\":\"role_conflict_error\","
                + "\"message\":\"The role ShelfWriter (" + CRN + ") is assigned in policies of account acc1; remove it "
                + "from them (or delete them) before deleting the role.\"}],\"status_code\":409}");
        CliRun inUse = CliRun.run(config, "", "role-delete", "ShelfWriter", "-f");
        assertThat(inUse.exitCode()).isEqualTo(1);
        assertThat(inUse.err()).startsWith("latchkey: The role ShelfWriter (" + CRN + ") is assigned in policies")
                .contains("HTTP 409");
    }
}
