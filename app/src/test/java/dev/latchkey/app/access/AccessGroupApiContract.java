package dev.latchkey.app.access;

import static dev.latchkey.app.support.IbmErrors.assertBadRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.app.support.AccountOwnerContract;
import dev.latchkey.app.support.Fixtures.Person;
import dev.latchkey.app.support.TestServer.Answer;
import dev.latchkey.core.access.Role;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * IBM IAM Access Groups v2 ({@code /v2/groups}) over real HTTP: groups, members, a group as a policy's subject
 * (the member holds its access from the next request), invitations into groups, settings, and the 501 of the
 * unsupported rules and templates. Runs on H2 and on PostgreSQL through the two subclasses.
 */
abstract class AccessGroupApiContract extends AccountOwnerContract {

    JsonNode createGroup(String name) {
        Answer created = server.post("/v2/groups?account_id=" + accountId, owner,
                "{\"name\":\"" + name + "\",\"description\":\"about " + name + "\"}");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return created.body();
    }

    Answer addMember(String groupId, String iamId, String type, String token) {
        return server.call("PUT", "/v2/groups/" + groupId + "/members", token,
                "{\"members\":[{\"iam_id\":\"" + iamId + "\",\"type\":\"" + type + "\"}]}", Map.of());
    }

    String groupPolicy(String groupId, String role, String service) {
        return "{\"type\":\"access\",\"subjects\":[{\"attributes\":[{\"name\":\"access_group_id\",\"value\":\""
                + groupId + "\"}]}],\"roles\":[{\"role_id\":\"" + role + "\"}],\"resources\":[{\"attributes\":["
                + "{\"name\":\"accountId\",\"value\":\"" + accountId + "\"},{\"name\":\"serviceName\",\"value\":\""
                + service + "\"}]}]}";
    }

    @Test
    void aGroupIsCreatedReadUpdatedWithItsEtagListedAndDeleted() {
        JsonNode group = createGroup("operators");
        String id = group.get("id").asText();
        assertThat(id).startsWith("AccessGroupId-");
        assertThat(group.get("account_id").asText()).isEqualTo(accountId);
        assertThat(group.get("created_by_id").asText()).isEqualTo(ownerIamId);
        assertThat(group.get("href").asText()).isEqualTo(server.url + "/v2/groups/" + id);
        assertThat(group.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

        Answer get = server.get("/v2/groups/" + id + "?show_federated=true&show_crn=true", owner);
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.body().get("is_federated").asBoolean(true)).isFalse();
        assertThat(get.body().get("crn").asText()).isEqualTo("crn:v1:bluemix:public:iam-groups::a/" + accountId
                + "::group:" + id);
        String etag = get.header("ETag");
        assertThat(etag).matches("1-[0-9a-f]{32}");

        assertBadRequest(server.call("PATCH", "/v2/groups/" + id, owner, "{\"name\":\"x\"}", Map.of()), 400,
                "If-Match");
        Answer renamed = server.call("PATCH", "/v2/groups/" + id, owner, "{\"name\":\"ops\"}", Map.of("If-Match", etag));
        assertThat(renamed.status()).as(renamed.raw()).isEqualTo(200);
        assertThat(renamed.body().get("name").asText()).isEqualTo("ops");
        assertThat(renamed.body().get("description").asText()).isEqualTo("about operators");
        assertThat(renamed.header("ETag")).startsWith("2-");
        assertThat(server.call("PATCH", "/v2/groups/" + id, owner, "{\"name\":\"stale\"}", Map.of("If-Match", etag))
                .status()).isEqualTo(409);

        Answer list = server.get("/v2/groups?account_id=" + accountId + "&search=name:ops", owner);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().get("total_count").asInt()).isEqualTo(1);
        assertThat(list.body().get("groups").get(0).get("id").asText()).isEqualTo(id);

        assertThat(server.delete("/v2/groups/" + id, owner).status()).isEqualTo(204);
        assertBadRequest(server.get("/v2/groups/" + id, owner), 404, id);
    }

    @Test
    void listingPagesWithLimitAndOffsetAndAbsoluteLinks() {
        String prefix = "paged-" + System.nanoTime();
        for (int i = 0; i < 5; i++) {
            createGroup(prefix + "-" + i);
        }
        String path = "/v2/groups?account_id=" + accountId + "&search=" + prefix + "&limit=2";
        JsonNode first = server.get(path, owner).body();
        assertThat(first.get("total_count").asInt()).isEqualTo(5);
        assertThat(first.get("groups")).hasSize(2);
        assertThat(first.has("previous")).isFalse();
        assertThat(first.get("last").get("href").asText()).contains("offset=4");
        String next = first.get("next").get("href").asText();
        assertThat(next).startsWith(server.url).contains("offset=2");
        JsonNode second = server.get(next.substring(server.url.length()), owner).body();
        assertThat(second.get("offset").asInt()).isEqualTo(2);
        assertThat(second.get("groups").get(0).get("name").asText()).isEqualTo(prefix + "-2");
        assertBadRequest(server.get(path + "&offset=-1", owner), 400, "'offset'");
        assertBadRequest(server.get(path.replace("limit=2", "limit=101"), owner), 400, "'limit'");
        assertBadRequest(server.get("/v2/groups?account_id=" + accountId + "&sort=colour", owner), 400, "'sort'");
        assertBadRequest(server.get("/v2/groups", owner), 400, "'account_id'");
        assertBadRequest(server.get("/v2/groups?account_id=" + "f".repeat(32), owner), 403, "account");
    }

    @Test
    void aMemberOfAGroupGetsItsAccessOnTheNextRequestAndLosesItOnRemoval() {
        Person member = fixtures.member(accountId);
        String token = server.token(member.apikey());
        String groupId = createGroup("key readers").get("id").asText();
        Answer policy = server.post("/v1/policies", owner, groupPolicy(groupId, Role.ADMINISTRATOR.crn(), "iam-identity"));
        assertThat(policy.status()).as(policy.raw()).isEqualTo(201);
        assertThat(policy.body().get("subjects").get(0).get("attributes").get(0).get("name").asText())
                .isEqualTo("access_group_id");
        String listPath = "/v1/apikeys?scope=account&account_id=" + accountId;
        assertThat(server.get(listPath, token).status()).isEqualTo(403);

        Answer added = addMember(groupId, member.iamId(), "user", owner);
        assertThat(added.status()).as(added.raw()).isEqualTo(207);
        JsonNode outcome = added.body().get("members").get(0);
        assertThat(outcome.get("status_code").asInt()).isEqualTo(200);
        assertThat(outcome.get("iam_id").asText()).isEqualTo(member.iamId());
        assertThat(outcome.get("created_by_id").asText()).isEqualTo(ownerIamId);
        assertThat(server.get(listPath, token).status()).as("the same token, the next request").isEqualTo(200);
        assertThat(server.get("/v1/policies?account_id=" + accountId + "&access_group_id=" + groupId, owner).body()
                .get("policies")).hasSize(1);
        assertThat(server.get("/v1/policies/" + policy.body().get("id").asText(), token).status())
                .as("a member reads its group's policies").isEqualTo(200);

        assertThat(server.call("HEAD", "/v2/groups/" + groupId + "/members/" + member.iamId(), owner, null, Map.of())
                .status()).isEqualTo(204);
        JsonNode members = server.get("/v2/groups/" + groupId + "/members?verbose=true", owner).body();
        assertThat(members.get("total_count").asInt()).isEqualTo(1);
        assertThat(members.get("members").get(0).get("email").asText()).isEqualTo(fixtures.email(member.iamId()));
        assertThat(members.get("members").get(0).get("membership_type").asText()).isEqualTo("static");

        assertThat(server.delete("/v2/groups/" + groupId + "/members/" + member.iamId(), owner).status())
                .isEqualTo(204);
        assertThat(server.get(listPath, token).status()).isEqualTo(403);
        assertThat(server.call("HEAD", "/v2/groups/" + groupId + "/members/" + member.iamId(), owner, null, Map.of())
                .status()).isEqualTo(404);
        assertBadRequest(server.delete("/v2/groups/" + groupId + "/members/" + member.iamId(), owner), 404,
                "not a member");
    }

    @Test
    void memberChangesReportEachOutcomeAndGroupDeletionNeedsForce() {
        Person alice = fixtures.member(accountId);
        Person robot = fixtures.serviceIdWithKey(accountId, ownerIamId);
        String one = createGroup("one").get("id").asText();
        String two = createGroup("two").get("id").asText();
        Answer mixed = server.call("PUT", "/v2/groups/" + one + "/members", owner, "{\"members\":["
                + "{\"iam_id\":\"" + alice.iamId() + "\",\"type\":\"user\"},"
                + "{\"iam_id\":\"" + robot.iamId() + "\",\"type\":\"service\"},"
                + "{\"iam_id\":\"IBMid-NOBODY0001\",\"type\":\"user\"},"
                + "{\"iam_id\":\"" + alice.iamId() + "\",\"type\":\"profile\"}]}", Map.of());
        assertThat(mixed.status()).isEqualTo(207);
        assertThat(mixed.body().get("members").findValuesAsText("status_code"))
                .containsExactly("200", "200", "404", "400");
        assertThat(mixed.body().get("members").get(2).get("errors").get(0).get("code").asText()).isEqualTo("not_found");
        assertThat(mixed.body().get("members").get(2).get("trace").asText()).isNotBlank();

        Answer toGroups = server.call("PUT", "/v2/groups/_allgroups/members/" + alice.iamId() + "?account_id="
                + accountId, owner, "{\"type\":\"user\",\"groups\":[\"" + two + "\",\"AccessGroupId-missing\"]}", Map.of());
        assertThat(toGroups.status()).as(toGroups.raw()).isEqualTo(207);
        assertThat(toGroups.body().get("groups").findValuesAsText("status_code")).containsExactly("200", "404");

        assertBadRequest(server.delete("/v2/groups/" + one, owner), 409, "force=true");
        Answer bulk = server.post("/v2/groups/" + one + "/members/delete", owner, "{\"members\":[\"" + robot.iamId()
                + "\",\"IBMid-NOBODY0001\"]}");
        assertThat(bulk.status()).isEqualTo(207);
        assertThat(bulk.body().get("access_group_id").asText()).isEqualTo(one);
        assertThat(bulk.body().get("members").findValuesAsText("status_code")).containsExactly("204", "404");

        Answer everywhere = server.delete("/v2/groups/_allgroups/members/" + alice.iamId() + "?account_id=" + accountId,
                owner);
        assertThat(everywhere.status()).isEqualTo(207);
        assertThat(everywhere.body().get("groups").findValuesAsText("access_group_id")).containsExactlyInAnyOrder(one, two);
        assertBadRequest(server.delete("/v2/groups/_allgroups/members/" + alice.iamId() + "?account_id=" + accountId,
                owner), 404, "no access group");

        addMember(two, alice.iamId(), "user", owner);
        assertThat(server.delete("/v2/groups/" + two + "?force=true", owner).status()).isEqualTo(204);
        assertThat(server.get("/v2/groups/" + two, owner).status()).isEqualTo(404);
    }

    @Test
    void anEditorOfGroupsCannotAddThemselvesToAnAdministratorsGroup() {
        Person editor = fixtures.member(accountId);
        fixtures.grant(accountId, editor.iamId(), "iam-groups", Role.EDITOR);
        String token = server.token(editor.apikey());
        String admins = createGroup("account admins").get("id").asText();
        assertThat(server.post("/v1/policies", owner, groupPolicy(admins, Role.ADMINISTRATOR.crn(),
                "iam-access-management")).status()).isEqualTo(201);
        assertBadRequest(addMember(admins, editor.iamId(), "user", token), 403, "a member gets what its policy");
        assertThat(server.call("HEAD", "/v2/groups/" + admins + "/members/" + editor.iamId(), owner, null, Map.of())
                .status()).isEqualTo(404);
        Answer ownGroup = server.post("/v2/groups?account_id=" + accountId, token, "{\"name\":\"editors' own\"}");
        assertThat(ownGroup.status()).isEqualTo(201);
        assertThat(addMember(ownGroup.body().get("id").asText(), editor.iamId(), "user", token).status()).isEqualTo(207);
    }

    @Test
    void anInvitationJoinsItsGroupsAndAnUnknownGroupRefusesItWhole() {
        String groupId = createGroup("newcomers").get("id").asText();
        String email = "invitee-" + System.nanoTime() + "@example.com";
        Answer invited = server.post("/v2/accounts/" + accountId + "/users", owner, "{\"users\":[{\"email\":\""
                + email + "\"}],\"access_groups\":[\"" + groupId + "\"]}");
        assertThat(invited.status()).as(invited.raw()).isEqualTo(202);
        String iamId = invited.body().get("resources").get(0).get("id").asText();
        assertThat(server.call("HEAD", "/v2/groups/" + groupId + "/members/" + iamId, owner, null, Map.of()).status())
                .isEqualTo(204);
        assertBadRequest(server.post("/v2/accounts/" + accountId + "/users", owner, "{\"users\":[{\"email\":\"x-"
                + email + "\"}],\"access_groups\":[\"AccessGroupId-missing\"]}"), 400, "access_groups");
    }

    @Test
    void settingsReadAndChangeAndRulesAndTemplatesAnswer501() {
        Answer settings = server.get("/v2/groups/settings?account_id=" + accountId, owner);
        assertThat(settings.status()).isEqualTo(200);
        assertThat(settings.body().get("account_id").asText()).isEqualTo(accountId);
        assertThat(settings.body().get("public_access_enabled").asBoolean()).isTrue();
        Answer changed = server.call("PATCH", "/v2/groups/settings?account_id=" + accountId, owner,
                "{\"public_access_enabled\":false}", Map.of());
        assertThat(changed.status()).as(changed.raw()).isEqualTo(200);
        assertThat(changed.body().get("last_modified_by_id").asText()).isEqualTo(ownerIamId);
        assertThat(server.get("/v2/groups/settings?account_id=" + accountId, owner).body()
                .get("public_access_enabled").asBoolean()).isFalse();
        assertBadRequest(server.call("PATCH", "/v2/groups/settings?account_id=" + accountId, owner,
                "{\"public_access_enabled\":\"no\"}", Map.of()), 400, "public_access_enabled");

        String groupId = createGroup("ruled").get("id").asText();
        assertBadRequest(server.post("/v2/groups/" + groupId + "/rules", owner, "{}"), 501, "Dynamic rules");
        assertBadRequest(server.get("/v1/group_templates", owner), 501, "templates");
        assertThat(server.get("/v1/group_templates", null).status()).as("the token comes first").isEqualTo(401);
    }

    @Test
    void badBodiesAreRefusedWithIbmErrors() {
        assertBadRequest(server.post("/v2/groups?account_id=" + accountId, owner, "{}"), 400, "'name'");
        assertBadRequest(server.post("/v2/groups?account_id=" + accountId, owner,
                "{\"name\":\"" + "n".repeat(101) + "\"}"), 400, "'name'");
        assertBadRequest(server.post("/v2/groups?account_id=" + accountId, owner, "{\"name\":7}"), 400, "name");
        int before = server.get("/v2/groups?account_id=" + accountId, owner).body().get("total_count").asInt();
        assertBadRequest(server.post("/v2/groups?account_id=" + accountId + "&show_crn=maybe", owner,
                "{\"name\":\"not written\"}"), 400, "show_crn");
        assertThat(server.get("/v2/groups?account_id=" + accountId, owner).body().get("total_count").asInt())
                .as("a refused parameter writes nothing").isEqualTo(before);
        String groupId = createGroup("strict").get("id").asText();
        assertBadRequest(server.call("PUT", "/v2/groups/" + groupId + "/members", owner, "{}", Map.of()), 400,
                "'members'");
        assertBadRequest(server.call("PUT", "/v2/groups/" + groupId + "/members", owner, "{\"members\":[7]}", Map.of()),
                400, "members");
        assertBadRequest(server.post("/v1/policies", owner, groupPolicy("AccessGroupId-missing", Role.VIEWER.crn(),
                "iam-identity")), 400, "not an access group of account");
    }
}
