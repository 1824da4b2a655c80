package dev.latchkey.app.resource;

import static dev.latchkey.app.support.IbmErrors.assertBadRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.app.support.AccountOwnerContract;
import dev.latchkey.app.support.Fixtures.Person;
import dev.latchkey.app.support.TestServer.Answer;
import dev.latchkey.core.access.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The plan catalogue over real HTTP (decision 0045): {@code /v2/resource_plans} registers, lists, reads and deletes
 * an account's plans beside the built-in ones; {@code POST /v2/resource_instances} with {@code resource_plan_id}
 * alone takes the plan's service; a {@code PATCH} moves an instance between plans of its service. Refusals are IBM's
 * error body naming the field, write nothing, and every catalogue change is in the account's audit log. Runs on H2
 * and on PostgreSQL through the two subclasses.
 */
abstract class ResourcePlanApiContract extends AccountOwnerContract {
    static final String LITE = "2fdf0c08-2d32-4f46-84b5-32e0c92fffd8";
    static final String STANDARD = "744bfc56-d12c-4866-88d5-dac9139e0e5d";

    static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    Answer register(String token, String id, String service) {
        return server.post("/v2/resource_plans", token, "{\"id\":\"" + id + "\",\"name\":\"Gold\",\"resource_id\":\""
                + service + "\"}");
    }

    JsonNode registered(String id, String service) {
        Answer made = register(owner, id, service);
        assertThat(made.status()).as(made.raw()).isEqualTo(201);
        return made.body();
    }

    Answer createOn(String token, String plan, String serviceField) {
        return server.post("/v2/resource_instances", token, "{\"name\":\"shelf\",\"target\":\"global\","
                + "\"resource_group\":\"default\",\"resource_plan_id\":\"" + plan + "\"" + serviceField + "}");
    }

    List<String> auditActions(String targetId) {
        Answer page = server.get("/v1/accounts/" + accountId + "/audit_events?target_id=" + targetId, owner);
        assertThat(page.status()).as(page.raw()).isEqualTo(200);
        List<String> actions = new ArrayList<>();
        page.body().path("events").forEach(e -> actions.add(e.path("action").asText()));
        return actions;
    }

    @Test
    void aRegisteredPlanIsListedReadAndDeletedInTheResourceControllersShapes() {
        String service = ResourceApiContract.freshService();
        String id = fresh("gold");
        JsonNode plan = registered(id, service);
        assertThat(plan.get("id").asText()).isEqualTo(id);
        assertThat(plan.get("name").asText()).isEqualTo("Gold");
        assertThat(plan.get("resource_id").asText()).isEqualTo(service);
        assertThat(plan.get("built_in").asBoolean()).isFalse();
        assertThat(plan.get("account_id").asText()).isEqualTo(accountId);
        assertThat(plan.get("url").asText()).isEqualTo("/v2/resource_plans/" + id);
        assertThat(plan.get("created_at").asText()).matches(ResourceApiContract.RFC3339);
        assertThat(plan.get("created_by").asText()).isEqualTo(ownerIamId);
        assertThat(server.get("/v2/resource_plans/" + id, owner).body()).isEqualTo(plan);

        JsonNode lite = server.get("/v2/resource_plans/" + LITE, owner).body();
        assertThat(lite.get("resource_id").asText()).isEqualTo("cloud-object-storage");
        assertThat(lite.get("name").asText()).isEqualTo("Lite");
        assertThat(lite.get("built_in").asBoolean()).isTrue();
        assertThat(lite.has("account_id")).isFalse();

        String second = fresh("silver");
        registered(second, service);
        JsonNode first = server.get("/v2/resource_plans?resource_id=" + service + "&limit=1", owner).body();
        assertThat(first.get("rows_count").asInt()).isEqualTo(1);
        assertThat(first.get("resources").get(0).get("id").asText()).isEqualTo(id);
        String next = first.get("next_url").asText();
        assertThat(next).startsWith("/v2/resource_plans?").contains("resource_id=" + service, "limit=1", "start=");
        JsonNode last = server.get(next, owner).body();
        assertThat(last.get("resources").get(0).get("id").asText()).isEqualTo(second);
        assertThat(last.get("next_url").isNull()).isTrue();
        JsonNode all = server.get("/v2/resource_plans", owner).body();
        assertThat(all.get("resources").get(0).get("id").asText()).as("built-in plans first").isEqualTo(LITE);
        assertThat(all.get("resources").get(1).get("id").asText()).isEqualTo(STANDARD);
        assertBadRequest(server.get("/v2/resource_plans?limit=0", owner), 400, "'limit'");

        assertThat(server.delete("/v2/resource_plans/" + id, owner).status()).isEqualTo(204);
        assertBadRequest(server.get("/v2/resource_plans/" + id, owner), 404, id);
        assertBadRequest(server.delete("/v2/resource_plans/" + id, owner), 404, id);
        assertThat(auditActions(id)).containsExactly("resource-controller.plan.delete",
                "resource-controller.plan.create");
    }

    @Test
    void anInstanceCreatedWithThePlanAloneBelongsToThePlansServiceAndBadCombinationsAreRefused() {
        String service = ResourceApiContract.freshService();
        String gold = fresh("gold");
        registered(gold, service);

        Answer made = createOn(owner, gold, "");
        assertThat(made.status()).as(made.raw()).isEqualTo(201);
        assertThat(made.body().get("resource_id").asText()).isEqualTo(service);
        assertThat(made.body().get("resource_plan_id").asText()).isEqualTo(gold);
        assertThat(made.body().get("crn").asText()).startsWith("crn:v1:bluemix:public:" + service + ":global:a/");
        Answer cos = createOn(owner, STANDARD, "");
        assertThat(cos.status()).as(cos.raw()).isEqualTo(201);
        assertThat(cos.body().get("resource_id").asText()).isEqualTo("cloud-object-storage");
        assertThat(createOn(owner, gold, ",\"parameters\":{\"service_name\":\"" + service + "\"}").status())
                .as("the plan and the service agree").isEqualTo(201);

        int before = server.get("/v2/resource_instances?resource_plan_id=" + gold, owner).body().get("rows_count")
                .asInt();
        assertBadRequest(createOn(owner, gold, ",\"resource_id\":\"other-service\""), 400,
                "names plan " + gold + " of service " + service + ", but 'resource_id' names service other-service");
        assertBadRequest(createOn(owner, "no-such-plan", ""), 400,
                "Field 'resource_plan_id' names no plan of the catalogue: 'no-such-plan'");
        assertBadRequest(createOn(owner, "plan-free", ""), 400, "'resource_id' is required with resource_plan_id");
        assertThat(server.get("/v2/resource_instances?resource_plan_id=" + gold, owner).body().get("rows_count")
                .asInt()).as("nothing written by a refusal").isEqualTo(before);

        Person other = fixtures.accountWithOwner();
        assertBadRequest(createOn(server.token(other.apikey()), gold, ""), 400, "no plan of the catalogue");
    }

    @Test
    void aPlanInUseOrBuiltInIsNotDeletedAndBadRegistrationsAreRefusedNamingTheField() {
        String service = ResourceApiContract.freshService();
        String gold = fresh("gold");
        registered(gold, service);
        String guid = createOn(owner, gold, "").body().get("guid").asText();

        Answer inUse = server.delete("/v2/resource_plans/" + gold, owner);
        assertBadRequest(inUse, 409, "is used by 1 active instance(s), e.g. " + guid);
        assertThat(inUse.body().get("errors").get(0).get("code").asText()).isEqualTo("invalid_state");
        assertBadRequest(server.delete("/v2/resource_plans/" + LITE, owner), 403, "built in");
        assertBadRequest(register(owner, gold, service), 409, "has a plan with id '" + gold + "' already");
        assertBadRequest(register(owner, STANDARD, "cloud-object-storage"), 409, "built-in plan");
        assertBadRequest(register(owner, "a/b", service), 400, "Field 'id'");
        assertBadRequest(register(owner, fresh("x"), "iam-identity"), 400, "part of the platform");
        assertBadRequest(server.post("/v2/resource_plans", owner, "{\"id\":\"p\",\"name\":\"P\"}"), 400,
                "'resource_id' is required");
        assertBadRequest(server.post("/v2/resource_plans", owner, "{\"id\":\"p\",\"resource_id\":\"" + service
                + "\"}"), 400, "'name' is required");
        assertBadRequest(server.post("/v2/resource_plans", owner, "{\"id\":\"p\",\"name\":\"P\",\"resource_id\":\""
                + service + "\",\"price\":1}"), 400, "Field 'price' is not known here");
        assertBadRequest(server.post("/v2/resource_plans", owner, "{\"id\":7,\"name\":\"P\",\"resource_id\":\""
                + service + "\"}"), 400, "'id' must be a string");
        assertBadRequest(server.get("/v2/resource_plans/p", owner), 404, "p");

        assertThat(server.delete("/v2/resource_instances/" + guid, owner).status()).isEqualTo(204);
        assertThat(server.delete("/v2/resource_plans/" + gold, owner).status()).as("a removed instance holds no plan")
                .isEqualTo(204);
    }

    @Test
    void anInstanceMovesBetweenPlansOfItsServiceAndPlanHistorySaysSinceWhen() {
        String service = ResourceApiContract.freshService();
        String gold = fresh("gold");
        String platinum = fresh("platinum");
        registered(gold, service);
        registered(platinum, service);
        JsonNode instance = createOn(owner, gold, "").body();
        String guid = instance.get("guid").asText();
        JsonNode created = instance.get("plan_history").get(0);
        assertThat(created.get("resource_plan_id").asText()).isEqualTo(gold);
        assertThat(created.get("start_date").asText()).isEqualTo(instance.get("created_at").asText());

        Answer moved = server.call("PATCH", "/v2/resource_instances/" + guid, owner, "{\"resource_plan_id\":\""
                + platinum + "\",\"parameters\":{\"size\":\"large\"}}", Map.of());
        assertThat(moved.status()).as(moved.raw()).isEqualTo(200);
        assertThat(moved.body().get("resource_plan_id").asText()).isEqualTo(platinum);
        assertThat(moved.body().get("name").asText()).isEqualTo("shelf");
        JsonNode history = moved.body().get("plan_history");
        assertThat(history).hasSize(1);
        assertThat(history.get(0).get("resource_plan_id").asText()).isEqualTo(platinum);
        assertThat(history.get(0).get("start_date").asText()).isEqualTo(moved.body().get("updated_at").asText());
        assertThat(history.get(0).get("requestor_id").asText()).isEqualTo(ownerIamId);
        assertThat(server.get("/v2/resource_instances/" + guid, owner).body()).isEqualTo(moved.body());

        assertBadRequest(server.call("PATCH", "/v2/resource_instances/" + guid, owner, "{\"resource_plan_id\":\""
                + LITE + "\"}", Map.of()), 400, "a plan change stays within the service");
        assertBadRequest(server.call("PATCH", "/v2/resource_instances/" + guid, owner,
                "{\"resource_plan_id\":\"plan-gold\"}", Map.of()), 400, "'resource_plan_id' names no plan");
        assertBadRequest(server.call("PATCH", "/v2/resource_instances/" + guid, owner, "{}", Map.of()), 400,
                "'name' or 'resource_plan_id' is required");
        assertThat(server.get("/v2/resource_instances/" + guid, owner).body()).isEqualTo(moved.body());
    }

    @Test
    void administratorsOfTheServiceRegisterPlansEditorsAndPlainMembersMayOnlyReadThem() {
        String service = ResourceApiContract.freshService();
        Person admin = fixtures.member(accountId);
        fixtures.grant(accountId, admin.iamId(), service, Role.ADMINISTRATOR);
        Person editor = fixtures.member(accountId);
        fixtures.grant(accountId, editor.iamId(), service, Role.EDITOR);
        String member = server.token(fixtures.member(accountId).apikey());
        String adminToken = server.token(admin.apikey());
        String editorToken = server.token(editor.apikey());

        String gold = fresh("gold");
        assertBadRequest(register(editorToken, gold, service), 403, "resource-controller.plan.create");
        assertBadRequest(register(member, gold, service), 403, "resource-controller.plan.create");
        assertBadRequest(register(adminToken, gold, "another-" + service), 403, "resource-controller.plan.create");
        Answer made = register(adminToken, gold, service);
        assertThat(made.status()).as(made.raw()).isEqualTo(201);

        assertThat(server.get("/v2/resource_plans/" + gold, member).status()).isEqualTo(200);
        Answer editorCreates = createOn(editorToken, gold, "");
        assertThat(editorCreates.status()).as("an Editor creates instances on it").isEqualTo(201);
        assertBadRequest(createOn(member, gold, ""), 403, "resource-controller.instance.create");
        assertBadRequest(server.delete("/v2/resource_plans/" + gold, editorToken), 403,
                "resource-controller.plan.delete");
        assertThat(auditActions(gold)).containsExactly("resource-controller.plan.create");
    }
}
