package dev.latchkey.app.access;

import static dev.latchkey.app.support.IbmErrors.assertBadRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.app.support.AccountOwnerContract;
import dev.latchkey.app.support.Fixtures.Person;
import dev.latchkey.app.support.TestServer;
import dev.latchkey.app.support.TestServer.Answer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code /v1/policies} over real HTTP as IBM's SDK integration tests use it (reference §2.7), plus validation,
 * If-Match and duplicate conflicts. Runs on H2 and on PostgreSQL through the two subclasses.
 */
abstract class PolicyApiContract extends AccountOwnerContract {
    static final String VIEWER = "crn:v1:bluemix:public:iam::::role:Viewer";
    static final String EDITOR = "crn:v1:bluemix:public:iam::::role:Editor";

    static String subjects(String iamId) {
        return "[{\"attributes\":[{\"name\":\"iam_id\",\"value\":\"" + iamId + "\"}]}]";
    }

    String onService(String iamId, String role, String service) {
        return "{\"type\":\"access\",\"subjects\":" + subjects(iamId) + ",\"roles\":[{\"role_id\":\"" + role
                + "\"}],\"resources\":[{\"attributes\":[{\"name\":\"accountId\",\"value\":\"" + accountId
                + "\"},{\"name\":\"serviceName\",\"value\":\"" + service + "\"}]}]}";
    }

    Answer create(String json) {
        return server.post("/v1/policies", owner, json);
    }

    JsonNode created(String json) {
        Answer answer = create(json);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(201);
        return answer.body();
    }

    int count() {
        return server.get("/v1/policies?account_id=" + accountId + "&limit=100", owner).body().get("policies").size();
    }

    @Test
    void ibmIntegrationTestFlowEchoesWhatWasSent() throws Exception {
        Person member = fixtures.member(accountId);
        String resources = "[{\"attributes\":[{\"name\":\"accountId\",\"value\":\"" + accountId
                + "\",\"operator\":\"stringEquals\"},{\"name\":\"serviceType\",\"value\":\"service\","
                + "\"operator\":\"stringEquals\"}],\"tags\":[{\"name\":\"project\",\"value\":\"prototype\","
                + "\"operator\":\"stringEquals\"}]}]";
        Answer create = create("{\"type\":\"access\",\"subjects\":" + subjects(member.iamId()) + ",\"roles\":[{"
                + "\"role_id\":\"" + VIEWER + "\"}],\"resources\":" + resources + ",\"description\":\"IT policy\"}");
        assertThat(create.status()).as(create.raw()).isEqualTo(201);
        JsonNode policy = create.body();
        String id = policy.get("id").asText();
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(policy.get("type").asText()).isEqualTo("access");
        assertThat(policy.get("subjects")).isEqualTo(TestServer.JSON.readTree(subjects(member.iamId())));
        assertThat(policy.get("resources")).isEqualTo(TestServer.JSON.readTree(resources));
        assertThat(policy.get("roles").get(0).get("role_id").asText()).isEqualTo(VIEWER);
        assertThat(policy.get("roles").get(0).get("display_name").asText()).isEqualTo("Viewer");
        assertThat(policy.get("roles").get(0).get("description").asText()).isNotBlank();
        assertThat(policy.get("href").asText()).isEqualTo(server.url + "/v1/policies/" + id);
        assertThat(policy.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(policy.get("last_modified_at").asText()).isEqualTo(policy.get("created_at").asText());
        assertThat(policy.get("created_by_id").asText()).isEqualTo(ownerIamId);
        assertThat(policy.get("last_modified_by_id").asText()).isEqualTo(ownerIamId);
        assertThat(policy.get("state").asText()).isEqualTo("active");
        assertThat(policy.get("description").asText()).isEqualTo("IT policy");
        assertThat(policy.has("entity_tag")).isFalse();

        Answer get = server.get("/v1/policies/" + id, owner);
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.headers().allValues("ETag")).hasSize(1);
        String etag = get.header("ETag");
        assertThat(etag).matches("1-[0-9a-f]{32}").isEqualTo(create.header("ETag"));
        assertThat(get.body()).isEqualTo(policy);

        String replacedResources = "[{\"attributes\":[{\"name\":\"accountId\",\"value\":\"" + accountId
                + "\",\"operator\":\"stringEquals\"},{\"name\":\"serviceName\",\"value\":\"iam-groups\","
                + "\"operator\":\"stringEquals\"}]}]";
        Answer replace = server.call("PUT", "/v1/policies/" + id, owner, "{\"type\":\"access\",\"subjects\":"
                + subjects(member.iamId()) + ",\"roles\":[{\"role_id\":\"" + EDITOR + "\"}],\"resources\":"
                + replacedResources + "}", Map.of("If-Match", etag));
        assertThat(replace.status()).as(replace.raw()).isEqualTo(200);
        assertThat(replace.body().get("id").asText()).isEqualTo(id);
        assertThat(replace.body().get("type").asText()).isEqualTo("access");
        assertThat(replace.body().get("subjects")).isEqualTo(TestServer.JSON.readTree(subjects(member.iamId())));
        assertThat(replace.body().get("resources")).isEqualTo(TestServer.JSON.readTree(replacedResources));
        assertThat(replace.body().get("resources").get(0).has("tags")).as("no tags were sent").isFalse();
        assertThat(replace.body().get("roles").get(0).get("display_name").asText()).isEqualTo("Editor");
        assertThat(replace.body().has("description")).isFalse();
        assertThat(replace.body().get("created_at")).isEqualTo(policy.get("created_at"));
        String newEtag = replace.header("ETag");
        assertThat(newEtag).startsWith("2-").isNotEqualTo(etag);

        Answer patch = server.call("PATCH", "/v1/policies/" + id, owner, "{\"state\":\"active\"}",
                Map.of("If-Match", newEtag));
        assertThat(patch.status()).as(patch.raw()).isEqualTo(200);
        assertThat(patch.body().get("id").asText()).isEqualTo(id);
        assertThat(patch.body().get("type").asText()).isEqualTo("access");
        assertThat(patch.body().get("state").asText()).isEqualTo("active");

        JsonNode list = server.get("/v1/policies?account_id=" + accountId + "&iam_id=" + member.iamId(), owner).body();
        assertThat(list.get("policies").findValuesAsText("id")).containsExactly(id);
        assertThat(list.get("first").get("href").asText()).startsWith(server.url + "/v1/policies?");
        assertThat(list.has("next")).isFalse();

        assertThat(server.delete("/v1/policies/" + id, owner).status()).isEqualTo(204);
        Answer gone = server.get("/v1/policies/" + id, owner);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.errorCode()).isEqualTo("policy_not_found");
        assertThat(server.delete("/v1/policies/" + id, owner).status()).isEqualTo(404);
    }

    @Test
    void invalidPoliciesAreRefusedWithAClearMessageAndNothingIsWritten() {
        Person member = fixtures.member(accountId);
        int before = count();
        String good = onService(member.iamId(), VIEWER, "billing");
        assertBadRequest(create(good.replace("\"access\"", "\"authorization\"")), 400, "not supported");
        assertBadRequest(create(good.replace("\"iam_id\"", "\"access_group_id\"")), 400,
                "must be an access group id");
        assertBadRequest(create(good.replace(VIEWER, "crn:v1:bluemix:public:iam::::role:Superuser")), 400,
                "not a role Latchkey knows");
        assertBadRequest(create(good.replace("\"roles\":[{\"role_id\":\"" + VIEWER + "\"}]", "\"roles\":[]")), 400,
                "'roles' is required");
        assertBadRequest(create(good.replace(accountId, "f".repeat(32))), 400, "must be the account of your access token");
        assertBadRequest(create(good.replace("serviceName", "colour")), 400, "attributes[1].name' must be one of");
        assertBadRequest(create(good.replace("\"value\":\"billing\"", "\"value\":\"billing\",\"operator\":\"like\"")),
                400, "must be stringEquals or stringMatch");
        assertBadRequest(create(good.replace(",{\"name\":\"serviceName\",\"value\":\"billing\"}", "")), 400,
                "besides accountId");
        assertBadRequest(create(good.replace("\"resources\":[", "\"resources\":[{\"attributes\":[]},")), 400,
                "exactly one resource");
        assertBadRequest(create(onService("bob@example.com", VIEWER, "billing")), 400, "neither a user's IAM id");
        assertBadRequest(create(good.replace("\"subjects\":[", "\"subjects\":\"x\",\"ignored\":[")), 400,
                "'subjects' must be an array of objects");
        assertBadRequest(create(good.replace("\"value\":\"billing\"", "\"value\":7")), 400,
                "'resources[0].attributes[1].value' must be a string");
        assertBadRequest(create("{\"type\":"), 400, "not valid JSON");
        assertBadRequest(server.get("/v1/policies", owner), 400, "'account_id' is required");
        assertBadRequest(server.get("/v1/policies?account_id=" + accountId + "&limit=0", owner), 400, "'limit'");
        assertBadRequest(server.get("/v1/policies?account_id=" + accountId + "&start=nonsense", owner), 400, "'start'");
        assertBadRequest(server.get("/v1/policies?account_id=" + accountId + "&state=gone", owner), 400, "'state'");
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void aStaleOrMissingIfMatchChangesNothing() {
        Person member = fixtures.member(accountId);
        Answer create = create(onService(member.iamId(), VIEWER, "billing"));
        String id = create.body().get("id").asText();
        String editor = onService(member.iamId(), EDITOR, "billing");
        Answer stale = server.call("PUT", "/v1/policies/" + id, owner, editor,
                Map.of("If-Match", "1-" + "0".repeat(32)));
        assertBadRequest(stale, 409, "GET it again");
        assertBadRequest(server.call("PUT", "/v1/policies/" + id, owner, editor, Map.of()), 400, "If-Match");
        assertBadRequest(server.call("PATCH", "/v1/policies/" + id, owner, "{\"state\":\"deleted\"}",
                Map.of("If-Match", "7-" + "0".repeat(32))), 409, "GET it again");
        assertBadRequest(server.call("PATCH", "/v1/policies/" + id, owner, "{\"state\":\"gone\"}",
                Map.of("If-Match", create.header("ETag"))), 400, "'state'");
        assertBadRequest(server.call("PUT", "/v1/policies/" + id, owner, editor.replace("\"access\"", "\"authorization\""),
                Map.of("If-Match", create.header("ETag"))), 400, "not supported");
        Answer read = server.get("/v1/policies/" + id, owner);
        assertThat(read.body()).isEqualTo(create.body());
        assertThat(read.header("ETag")).isEqualTo(create.header("ETag"));
        assertThat(server.delete("/v1/policies/" + id, owner).status()).isEqualTo(204);
    }

    @Test
    void aDuplicatePolicyIsAConflictNamingTheExistingOne() {
        Person member = fixtures.member(accountId);
        JsonNode first = created(onService(member.iamId(), VIEWER, "billing"));
        String id = first.get("id").asText();
        Answer duplicate = create(onService(member.iamId(), EDITOR, "billing"));
        assertBadRequest(duplicate, 409, id);
        JsonNode error = duplicate.body().get("errors").get(0);
        assertThat(error.get("code").asText()).isEqualTo("policy_conflict_error");
        assertThat(error.get("details").get("conflicts_with").get("policy").asText()).isEqualTo(id);
        assertThat(error.get("details").get("conflicts_with").get("etag").asText())
                .isEqualTo(server.get("/v1/policies/" + id, owner).header("ETag"));

        JsonNode other = created(onService(member.iamId(), VIEWER, "support"));
        Answer intoDuplicate = server.call("PUT", "/v1/policies/" + other.get("id").asText(), owner,
                onService(member.iamId(), EDITOR, "billing"), Map.of("If-Match", "*"));
        assertBadRequest(intoDuplicate, 409, id);

        Answer deleted = server.call("PATCH", "/v1/policies/" + id, owner, "{\"state\":\"deleted\"}",
                Map.of("If-Match", "*"));
        assertThat(deleted.body().get("state").asText()).isEqualTo("deleted");
        JsonNode deletedList = server.get("/v1/policies?account_id=" + accountId + "&state=deleted&iam_id="
                + member.iamId(), owner).body();
        assertThat(deletedList.get("policies").findValuesAsText("id")).containsExactly(id);
        assertThat(create(onService(member.iamId(), EDITOR, "billing")).status()).as("a deleted policy conflicts with none")
                .isEqualTo(201);
    }

    @Test
    void listingPagesWithIbmNextLinksUntilTheLastPage() throws InterruptedException {
        Person member = fixtures.member(accountId);
        List<String> made = new ArrayList<>();
        for (String service : List.of("billing", "support", "iam-groups", "user-management", "books")) {
            made.add(created(onService(member.iamId(), VIEWER, service)).get("id").asText());
            // the listing's order is creation time (to the millisecond), then id: each policy gets a later millisecond
            Thread.sleep(2);
        }
        List<String> seen = new ArrayList<>();
        String path = "/v1/policies?account_id=" + accountId + "&iam_id=" + member.iamId() + "&limit=2";
        int pages = 0;
        while (path != null) {
            JsonNode page = server.get(path, owner).body();
            pages++;
            assertThat(page.get("limit").asInt()).isEqualTo(2);
            assertThat(page.get("policies").size()).isBetween(1, 2);
            page.get("policies").forEach(p -> seen.add(p.get("id").asText()));
            if (page.has("next")) {
                String href = page.get("next").get("href").asText();
                assertThat(href).startsWith(server.url + "/v1/policies?").contains("start="
                        + page.get("next").get("start").asText()).contains("iam_id=" + member.iamId());
                path = href.substring(server.url.length());
            } else {
                path = null;
            }
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(made);
    }
}
