package dev.latchkey.app.access;

import static dev.latchkey.app.support.IbmErrors.assertBadRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.app.support.Fixtures;
import dev.latchkey.app.support.Fixtures.Person;
import dev.latchkey.app.support.TestServer;
import dev.latchkey.app.support.TestServer.Answer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code GET /v2/roles} as IBM's SDK tests read it, and custom roles over HTTP: their life, their use, their rules. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleApiTest {
    static final String VIEWER = "crn:v1:bluemix:public:iam::::role:Viewer";
    static final String SERVICE_ID_CREATOR = "crn:v1:bluemix:public:iam-identity::::serviceRole:ServiceIdCreator";
    TestServer server;
    String token;
    String owner;
    String accountId;
    Person member;

    @BeforeAll
    void start() {
        server = TestServer.h2();
        owner = server.token(server.adminKey);
        accountId = server.get("/v1/apikeys", owner).body().get("apikeys").get(0).get("account_id").asText();
        member = new Fixtures(server).member(accountId);
        token = server.token(member.apikey());
    }

    @AfterAll
    void stop() {
        server.close();
    }

    static List<String> crns(JsonNode roles) {
        List<String> crns = new ArrayList<>();
        roles.forEach(role -> crns.add(role.get("crn").asText()));
        return crns;
    }

    static JsonNode role(JsonNode roles, String crn) {
        for (JsonNode role : roles) {
            if (role.get("crn").asText().equals(crn)) {
                return role;
            }
        }
        throw new AssertionError("no role " + crn + " in " + roles);
    }

    @Test
    void theIamServiceGroupListsViewerAndTheServiceIdCreator() {
        JsonNode roles = server.get("/v2/roles?account_id=" + accountId + "&service_group_id=IAM", token).body();
        assertThat(roles.get("custom_roles").isArray()).isTrue();
        assertThat(roles.get("custom_roles")).isEmpty();
        assertThat(crns(roles.get("system_roles"))).contains(VIEWER);
        assertThat(crns(roles.get("service_roles"))).containsExactlyInAnyOrder(SERVICE_ID_CREATOR,
                "crn:v1:bluemix:public:iam-identity::::serviceRole:UserApiKeyCreator");
        JsonNode viewer = role(roles.get("system_roles"), VIEWER);
        assertThat(viewer.get("display_name").asText()).isEqualTo("Viewer");
        assertThat(viewer.get("description").asText()).isNotBlank();
        assertThat(viewer.get("actions").findValuesAsText("")).isEmpty();
        assertThat(viewer.get("actions").toString()).contains("iam-identity.serviceid.get",
                "iam-access-management.policy.read", "user-management.user.read");
    }

    @Test
    void aServiceListsTheConcreteActionsOfEachRoleThere() {
        JsonNode roles = server.get("/v2/roles?service_name=iam-identity", token).body();
        List<String> viewerActions = new ArrayList<>();
        role(roles.get("system_roles"), VIEWER).get("actions").forEach(a -> viewerActions.add(a.asText()));
        assertThat(viewerActions).containsExactly("iam-identity.serviceid.get", "iam-identity.serviceid.list",
                "iam-identity.serviceidgroup.get", "iam-identity.serviceidgroup.list");
        assertThat(role(roles.get("system_roles"), "crn:v1:bluemix:public:iam::::role:Administrator").get("actions")
                .toString()).contains("iam-identity.apikey.manage", "iam.policy.create").doesNotContain("*");
        assertThat(crns(roles.get("service_roles"))).containsExactly(
                "crn:v1:bluemix:public:iam-identity::::serviceRole:UserApiKeyCreator", SERVICE_ID_CREATOR);
        assertThat(role(roles.get("service_roles"), SERVICE_ID_CREATOR).get("actions").get(0).asText())
                .isEqualTo("iam-identity.serviceid.create");

        // the audit log's service (decision 0031): Viewer and up read it
        JsonNode audit = server.get("/v2/roles?service_name=iam-audit", token).body();
        for (String role : List.of(VIEWER, "crn:v1:bluemix:public:iam::::role:Operator",
                "crn:v1:bluemix:public:iam::::role:Editor", "crn:v1:bluemix:public:iam::::role:Administrator")) {
            assertThat(role(audit.get("system_roles"), role).get("actions").toString()).contains("iam-audit.event.list");
        }

        JsonNode other = server.get("/v2/roles?service_name=cloud-object-storage&policy_type=access", token).body();
        assertThat(crns(other.get("service_roles"))).containsExactly("crn:v1:bluemix:public:iam::::serviceRole:Reader",
                "crn:v1:bluemix:public:iam::::serviceRole:Writer", "crn:v1:bluemix:public:iam::::serviceRole:Manager");
        assertThat(crns(other.get("system_roles"))).hasSize(4);
        JsonNode none = server.get("/v2/roles?service_name=iam-identity&policy_type=authorization", token).body();
        assertThat(none.get("system_roles")).isEmpty();
        assertThat(none.get("service_roles")).isEmpty();
    }

    @Test
    void badFiltersAndCustomRolesAreRefusedClearly() {
        assertBadRequest(server.get("/v2/roles?service_name=iam-identity&service_group_id=IAM", token), 400,
                "cannot be combined");
        assertBadRequest(server.get("/v2/roles?service_group_id=BILLING", token), 400, "'service_group_id'");
        assertBadRequest(server.get("/v2/roles?policy_type=other", token), 400, "'policy_type'");
        assertBadRequest(server.get("/v2/roles?account_id=" + "f".repeat(32), token), 403, "cannot list the roles");
        String mine = "{\"name\":\"Mine\",\"display_name\":\"Mine\",\"actions\":[\"iam-groups.groups.read\"],"
                + "\"account_id\":\"" + accountId + "\",\"service_name\":\"iam-groups\"}";
        assertBadRequest(server.post("/v2/roles", token, mine), 403, "iam-access-management.role.create");
        assertBadRequest(server.post("/v2/roles", owner, mine.replace("\"Mine\",\"display", "\"mine\",\"display")),
                400, "'name'");
        assertBadRequest(server.post("/v2/roles", owner, mine.replace("iam-groups.groups.read", "iam-groups.*")), 400,
                "'actions[0]'");
        assertBadRequest(server.post("/v2/roles", owner, mine.replace("\"actions\":[\"iam-groups.groups.read\"],", "")),
                400, "'actions'");
    }

    @Test
    void aCustomRoleIsCreatedGrantedHonouredByAuthzAndCannotBeDeletedWhileAssigned() {
        Answer created = server.post("/v2/roles", owner, "{\"name\":\"ShelfWriter\",\"display_name\":\"Shelf writer\","
                + "\"description\":\"writes shelves\",\"actions\":[\"books.shelf.read\",\"books.shelf.write\"],"
                + "\"account_id\":\"" + accountId + "\",\"service_name\":\"books\"}");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        JsonNode role = created.body();
        String id = role.get("id").asText();
        String crn = role.get("crn").asText();
        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(crn).isEqualTo("crn:v1:bluemix:public:iam-access-management::a/" + accountId
                + "::customRole:ShelfWriter");
        assertThat(role.get("href").asText()).isEqualTo(server.url + "/v2/roles/" + id);
        assertThat(created.header("ETag")).matches("1-[0-9a-f]{32}");
        assertThat(crns(server.get("/v2/roles?account_id=" + accountId + "&service_name=books", token).body()
                .get("custom_roles"))).containsExactly(crn);
        assertThat(server.get("/v2/roles/" + id, token).status()).as("any member reads it").isEqualTo(200);

        Answer granted = server.post("/v1/policies", owner, "{\"type\":\"access\",\"subjects\":[{\"attributes\":"
                + "[{\"name\":\"iam_id\",\"value\":\"" + member.iamId() + "\"}]}],\"roles\":[{\"role_id\":\"" + crn
                + "\"}],\"resources\":[{\"attributes\":[{\"name\":\"accountId\",\"value\":\"" + accountId
                + "\"},{\"name\":\"serviceName\",\"value\":\"books\"}]}]}");
        assertThat(granted.status()).as(granted.raw()).isEqualTo(201);
        assertThat(granted.body().get("roles").get(0).get("display_name").asText()).isEqualTo("Shelf writer");
        String question = "[{\"subject\":{\"attributes\":{\"id\":\"" + member.iamId() + "\"}},\"action\":\"%s\","
                + "\"resource\":{\"crn\":\"crn:v1:bluemix:public:books::a/" + accountId + "::shelf:fiction\"}}]";
        JsonNode write = server.post("/v2/authz", token, question.formatted("books.shelf.write")).body()
                .get("responses").get(0).get("authorizationDecision");
        assertThat(write.get("permitted").asBoolean()).isTrue();
        assertThat(write.get("obligation").get("actions").toString())
                .isEqualTo("[\"books.shelf.read\",\"books.shelf.write\"]");
        assertThat(server.post("/v2/authz", token, question.formatted("books.shelf.burn")).body().get("responses")
                .get(0).get("authorizationDecision").get("permitted").asBoolean()).isFalse();

        String etag = created.header("ETag");
        Answer replaced = server.call("PUT", "/v2/roles/" + id, owner, "{\"display_name\":\"Shelf reader\","
                + "\"actions\":[\"books.shelf.read\"]}", java.util.Map.of("If-Match", etag));
        assertThat(replaced.status()).as(replaced.raw()).isEqualTo(200);
        assertThat(server.call("PUT", "/v2/roles/" + id, owner, "{\"display_name\":\"x\",\"actions\":"
                + "[\"books.shelf.read\"]}", java.util.Map.of("If-Match", etag)).status()).isEqualTo(409);
        assertThat(server.post("/v2/authz", token, question.formatted("books.shelf.write")).body().get("responses")
                .get(0).get("authorizationDecision").get("permitted").asBoolean()).as("the next decision").isFalse();

        Answer inUse = server.delete("/v2/roles/" + id, owner);
        assertBadRequest(inUse, 409, "is assigned in policies");
        assertThat(inUse.errorCode()).isEqualTo("role_conflict_error");
        assertThat(server.delete("/v1/policies/" + granted.body().get("id").asText(), owner).status()).isEqualTo(204);
        assertThat(server.delete("/v2/roles/" + id, owner).status()).isEqualTo(204);
        assertBadRequest(server.get("/v2/roles/" + id, token), 404, id);
    }
}
