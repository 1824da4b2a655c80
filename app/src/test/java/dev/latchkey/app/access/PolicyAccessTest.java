package dev.latchkey.app.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.app.support.Fixtures.Person;
import dev.latchkey.app.support.TestServer.Answer;
import dev.latchkey.app.support.Fixtures;
import dev.latchkey.app.support.TestServer;
import dev.latchkey.core.access.Role;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Who may manage policies over HTTP, that nobody can grant themselves more than they hold, and that a policy
 * change applies to the very next request of a token issued before it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyAccessTest {
    TestServer server;
    Fixtures fixtures;
    String owner;
    String accountId;

    @BeforeAll
    void start() {
        server = TestServer.h2();
        fixtures = new Fixtures(server);
        owner = server.token(server.adminKey);
        accountId = server.get("/v1/apikeys", owner).body().get("apikeys").get(0).get("account_id").asText();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    String policy(String subjectIamId, Role role, String service) {
        return "{\"type\":\"access\",\"subjects\":[{\"attributes\":[{\"name\":\"iam_id\",\"value\":\"" + subjectIamId
                + "\"}]}],\"roles\":[{\"role_id\":\"" + role.crn() + "\"}],\"resources\":[{\"attributes\":[{\"name\":"
                + "\"accountId\",\"value\":\"" + accountId + "\"},{\"name\":\"serviceName\",\"value\":\"" + service
                + "\"}]}]}";
    }

    String tokenOf(Person person) {
        return server.token(person.apikey());
    }

    @Test
    void aPlainMemberCannotCreatePolicies() {
        Person member = fixtures.member(accountId);
        Person other = fixtures.member(accountId);
        Answer refused = server.post("/v1/policies", tokenOf(member), policy(other.iamId(), Role.VIEWER, "iam-identity"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.errorCode()).isEqualTo("insufficient_permissions");
        assertThat(refused.errorMessage()).contains("Administrator role on iam-access-management or on iam-identity");
    }

    @Test
    void anIdentityAdministratorAssignsAccessOnIamIdentityButNotOnAccessManagement() {
        Person admin = fixtures.member(accountId, Role.ADMINISTRATOR);
        Person other = fixtures.member(accountId);
        String token = tokenOf(admin);
        Answer made = server.post("/v1/policies", token, policy(other.iamId(), Role.SERVICE_ID_CREATOR, "iam-identity"));
        assertThat(made.status()).as(made.raw()).isEqualTo(201);
        String id = made.body().get("id").asText();
        assertThat(server.get("/v1/policies/" + id, token).status()).isEqualTo(200);
        assertThat(server.post("/v1/policies", token, policy(other.iamId(), Role.VIEWER, "iam-access-management"))
                .status()).isEqualTo(403);
        assertThat(server.post("/v1/policies", token, policy(other.iamId(), Role.VIEWER, "billing")).status())
                .isEqualTo(403);
        // Nor may they move a policy they administer to a service they do not.
        assertThat(server.call("PUT", "/v1/policies/" + id, token, policy(other.iamId(), Role.VIEWER, "billing"),
                Map.of("If-Match", "*")).status()).isEqualTo(403);
        assertThat(server.delete("/v1/policies/" + id, token).status()).isEqualTo(204);

        Person accessAdmin = fixtures.member(accountId);
        fixtures.grant(accountId, accessAdmin.iamId(), "iam-access-management", Role.ADMINISTRATOR);
        assertThat(server.post("/v1/policies", tokenOf(accessAdmin), policy(other.iamId(), Role.VIEWER, "billing"))
                .status()).isEqualTo(201);
    }

    @Test
    void nobodyGrantsThemselvesAnythingTheyCouldNotDoBefore() {
        Person member = fixtures.member(accountId);
        Person editor = fixtures.member(accountId, Role.EDITOR);
        Person identityAdmin = fixtures.member(accountId, Role.ADMINISTRATOR);
        assertThat(server.post("/v1/policies", tokenOf(member), policy(member.iamId(), Role.ADMINISTRATOR,
                "iam-identity")).status()).isEqualTo(403);
        assertThat(server.post("/v1/policies", tokenOf(editor), policy(editor.iamId(), Role.ADMINISTRATOR,
                "iam-identity")).status()).isEqualTo(403);
        assertThat(server.post("/v1/policies", tokenOf(identityAdmin), policy(identityAdmin.iamId(),
                Role.ADMINISTRATOR, "iam-access-management")).status()).isEqualTo(403);
        String everything = "{\"type\":\"access\",\"subjects\":[{\"attributes\":[{\"name\":\"iam_id\",\"value\":\""
                + identityAdmin.iamId() + "\"}]}],\"roles\":[{\"role_id\":\"" + Role.ADMINISTRATOR.crn() + "\"}],"
                + "\"resources\":[{\"attributes\":[{\"name\":\"accountId\",\"value\":\"" + accountId + "\"},"
                + "{\"name\":\"serviceName\",\"value\":\"*\",\"operator\":\"stringMatch\"}]}]}";
        assertThat(server.post("/v1/policies", tokenOf(identityAdmin), everything).status()).isEqualTo(403);
        assertThat(server.get("/v1/policies?account_id=" + accountId + "&iam_id=" + member.iamId(), owner)
                .body().get("policies")).isEmpty();
        assertThat(server.get("/v1/apikeys?scope=account", tokenOf(editor)).status()).isEqualTo(403);
    }

    @Test
    void aPolicyChangeAppliesToTheNextRequestOfAnExistingToken() {
        Person member = fixtures.member(accountId);
        String token = tokenOf(member);
        assertThat(server.get("/v1/apikeys?scope=account", token).status()).isEqualTo(403);

        Answer grant = server.post("/v1/policies", owner, policy(member.iamId(), Role.ADMINISTRATOR, "iam-identity"));
        assertThat(grant.status()).isEqualTo(201);
        String id = grant.body().get("id").asText();
        Answer all = server.get("/v1/apikeys?scope=account", token);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body().get("apikeys").findValuesAsText("iam_id")).contains(member.iamId()).hasSizeGreaterThan(1);

        assertThat(server.call("PATCH", "/v1/policies/" + id, owner, "{\"state\":\"deleted\"}",
                Map.of("If-Match", grant.header("ETag"))).status()).isEqualTo(200);
        assertThat(server.get("/v1/apikeys?scope=account", token).status()).as("deleted state").isEqualTo(403);
        assertThat(server.call("PATCH", "/v1/policies/" + id, owner, "{\"state\":\"active\"}",
                Map.of("If-Match", "*")).status()).isEqualTo(200);
        assertThat(server.get("/v1/apikeys?scope=account", token).status()).as("restored").isEqualTo(200);

        assertThat(server.delete("/v1/policies/" + id, owner).status()).isEqualTo(204);
        assertThat(server.get("/v1/apikeys?scope=account", token).status()).as("deleted").isEqualTo(403);
    }

    @Test
    void aSubjectReadsItsOwnPoliciesAndNoOneElses() {
        Person member = fixtures.member(accountId);
        Person neighbour = fixtures.member(accountId);
        String mine = server.post("/v1/policies", owner, policy(member.iamId(), Role.VIEWER, "billing")).body()
                .get("id").asText();
        String theirs = server.post("/v1/policies", owner, policy(neighbour.iamId(), Role.VIEWER, "billing")).body()
                .get("id").asText();
        String token = tokenOf(member);
        assertThat(server.get("/v1/policies/" + mine, token).status()).isEqualTo(200);
        assertThat(server.get("/v1/policies/" + theirs, token).status()).isEqualTo(403);
        JsonNode listed = server.get("/v1/policies?account_id=" + accountId, token).body();
        assertThat(listed.get("policies").findValuesAsText("id")).containsExactly(mine);
        assertThat(server.get("/v1/policies?account_id=" + accountId, owner).body().get("policies")
                .findValuesAsText("id")).contains(mine, theirs);
        Person viewer = fixtures.member(accountId);
        fixtures.grant(accountId, viewer.iamId(), "iam-access-management", Role.VIEWER);
        assertThat(server.get("/v1/policies/" + theirs, tokenOf(viewer)).status()).isEqualTo(200);
        assertThat(server.delete("/v1/policies/" + theirs, tokenOf(viewer)).status()).isEqualTo(403);
    }

    @Test
    void anotherAccountsPoliciesAreOutOfReach() {
        Person stranger = fixtures.accountWithOwner();
        String id = server.post("/v1/policies", owner, policy(fixtures.member(accountId).iamId(), Role.VIEWER,
                "billing")).body().get("id").asText();
        String token = tokenOf(stranger);
        assertThat(server.get("/v1/policies/" + id, token).status()).isEqualTo(403);
        assertThat(server.get("/v1/policies?account_id=" + accountId, token).status()).isEqualTo(403);
        assertThat(server.delete("/v1/policies/" + id, token).status()).isEqualTo(403);
    }
}
