package dev.latchkey.app.access;

import static dev.latchkey.app.support.IbmErrors.assertBadRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.app.support.Fixtures;
import dev.latchkey.app.support.Fixtures.Person;
import dev.latchkey.app.support.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code GET /v2/roles} as IBM's SDK tests read it, and the refusal of custom roles. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleApiTest {
    static final String VIEWER = "crn:v1:bluemix:public:iam::::role:Viewer";
    static final String SERVICE_ID_CREATOR = "crn:v1:bluemix:public:iam-identity::::serviceRole:ServiceIdCreator";
    TestServer server;
    String token;
    String accountId;

    @BeforeAll
    void start() {
        server = TestServer.h2();
        String owner = server.token(server.adminKey);
        accountId = server.get("/v1/apikeys", owner).body().get("apikeys").get(0).get("account_id").asText();
        Person member = new Fixtures(server).member(accountId);
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
        assertThat(viewerActions).containsExactly("iam-identity.serviceid.get", "iam-identity.serviceid.list");
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
        assertBadRequest(server.post("/v2/roles", token, "{\"name\":\"Mine\",\"display_name\":\"Mine\","
                + "\"actions\":[\"iam-groups.groups.read\"],\"account_id\":\"" + accountId + "\","
                + "\"service_name\":\"iam-groups\"}"), 405, "Custom roles are not supported");
    }
}
