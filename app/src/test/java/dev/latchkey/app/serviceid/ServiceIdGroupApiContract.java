package dev.latchkey.app.serviceid;

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
 * {@code /v1/serviceid_groups} and service IDs that name their group, over real HTTP: IBM's wire shape, If-Match,
 * unique names, a group in use refused on delete, {@code group_id} and {@code show_group_id} on the service ID
 * routes, who may do what, bad input, and the audit trail (decision 0043). Runs on H2 and on PostgreSQL through the
 * two subclasses.
 */
abstract class ServiceIdGroupApiContract extends AccountOwnerContract {
    static final String IBM_DATE = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d\\+0000";
    static final String GROUPS = "/v1/serviceid_groups";

    static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    Answer createGroup(String token, String json) {
        return server.post(GROUPS, token, json);
    }

    JsonNode group(String name) {
        Answer made = createGroup(owner, "{\"account_id\":\"" + accountId + "\",\"name\":\"" + name + "\"}");
        assertThat(made.status()).as(made.raw()).isEqualTo(201);
        return made.body();
    }

    Answer put(String id, String token, String json, String ifMatch) {
        return server.call("PUT", GROUPS + "/" + id, token, json, ifMatch == null ? Map.of() : Map.of("If-Match",
                ifMatch));
    }

    JsonNode serviceIdIn(String groupId, String name) {
        Answer made = server.post("/v1/serviceids/?show_group_id=true", owner, "{\"account_id\":\"" + accountId
                + "\",\"name\":\"" + name + "\",\"group_id\":\"" + groupId + "\"}");
        assertThat(made.status()).as(made.raw()).isEqualTo(201);
        return made.body();
    }

    List<String> names(JsonNode list, String field) {
        List<String> names = new ArrayList<>();
        list.get(field).forEach(item -> names.add(item.get("name").asText()));
        return names;
    }

    @Test
    void aGroupIsCreatedReadListedUpdatedAndDeletedInIbmsShape() {
        String name = unique("payments");
        Answer made = createGroup(owner, "{\"account_id\":\"" + accountId + "\",\"name\":\"" + name
                + "\",\"description\":\"the payment jobs\"}");
        assertThat(made.status()).as(made.raw()).isEqualTo(201);
        JsonNode group = made.body();
        String id = group.get("id").asText();
        assertThat(id).matches("ServiceIdGroup-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(group.get("entity_tag").asText()).matches("1-[0-9a-f]{32}").isEqualTo(made.header("Etag"));
        assertThat(group.get("account_id").asText()).isEqualTo(accountId);
        assertThat(group.get("crn").asText())
                .isEqualTo("crn:v1:bluemix:public:iam-identity::a/" + accountId + "::serviceidgroup:" + id);
        assertThat(group.get("name").asText()).isEqualTo(name);
        assertThat(group.get("description").asText()).isEqualTo("the payment jobs");
        assertThat(group.get("created_at").asText()).matches(IBM_DATE);
        assertThat(group.get("modified_at").asText()).matches(IBM_DATE);
        assertThat(group.get("created_by").asText()).isEqualTo(ownerIamId);
        List<String> fields = new ArrayList<>();
        group.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).as("IBM's field order").containsExactly("id", "entity_tag", "account_id", "crn", "name",
                "description", "created_at", "created_by", "modified_at");

        Answer read = server.get(GROUPS + "/" + id, owner);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).isEqualTo(group);
        assertThat(read.headers().allValues("Etag")).containsExactly(group.get("entity_tag").asText());

        Answer listed = server.get(GROUPS + "?account_id=" + accountId, owner);
        assertThat(listed.status()).isEqualTo(200);
        List<String> keys = new ArrayList<>();
        listed.body().fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("serviceid_groups");
        assertThat(listed.body().get("serviceid_groups")).contains(group);
        assertThat(server.get(GROUPS, owner).body()).as("account_id defaults to the token's").isEqualTo(listed.body());

        String renamed = unique("billing");
        Answer updated = put(id, owner, "{\"name\":\"" + renamed + "\",\"description\":\"updated\"}",
                read.header("Etag"));
        assertThat(updated.status()).as(updated.raw()).isEqualTo(200);
        assertThat(updated.body().get("name").asText()).isEqualTo(renamed);
        assertThat(updated.body().get("description").asText()).isEqualTo("updated");
        assertThat(updated.body().get("entity_tag").asText()).startsWith("2-").isEqualTo(updated.header("Etag"));
        assertThat(updated.body().get("created_at")).isEqualTo(group.get("created_at"));

        assertBadRequest(put(id, owner, "{\"name\":\"stale\"}", read.header("Etag")), 409, "entity_tag");
        assertThat(put(id, owner, "{\"name\":\"stale\"}", read.header("Etag")).body().at("/errors/0/message_code")
                .asText()).isEqualTo("LKIAM0409E");
        assertBadRequest(put(id, owner, "{\"name\":\"no tag\"}", null), 400, "If-Match");
        Answer cleared = put(id, owner, "{\"name\":\"" + renamed + "\",\"description\":\"\"}", "*");
        assertThat(cleared.status()).as(cleared.raw()).isEqualTo(200);
        assertThat(cleared.body().has("description")).as("an empty description clears it").isFalse();

        Answer deleted = server.delete(GROUPS + "/" + id, owner);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.raw()).isEmpty();
        Answer gone = server.get(GROUPS + "/" + id, owner);
        assertBadRequest(gone, 404, id);
        assertThat(gone.body().at("/errors/0/message_code").asText()).isEqualTo("BXNIM0102E");
        assertBadRequest(server.delete(GROUPS + "/" + id, owner), 404, id);
        assertBadRequest(put(id, owner, "{\"name\":\"x\"}", "*"), 404, id);
        assertThat(names(server.get(GROUPS, owner).body(), "serviceid_groups")).doesNotContain(renamed);

        List<String> actions = new ArrayList<>();
        server.get("/v1/accounts/" + accountId + "/audit_events?target_id=" + id, owner).body().get("events")
                .forEach(e -> actions.add(e.get("action").asText()));
        assertThat(actions).containsExactly("iam-identity.serviceidgroup.delete", "iam-identity.serviceidgroup.update",
                "iam-identity.serviceidgroup.update", "iam-identity.serviceidgroup.create");
    }

    @Test
    void badInputIsRefusedWithA4xxNamingTheFieldAndNothingIsWritten() {
        int before = server.get(GROUPS, owner).body().get("serviceid_groups").size();
        assertBadRequest(createGroup(owner, "{\"account_id\":\"" + accountId + "\"}"), 400, "'name' is required");
        assertBadRequest(createGroup(owner, "{\"name\":\"\"}"), 400, "'name' is required");
        assertBadRequest(createGroup(owner, "{\"name\":\"" + "n".repeat(257) + "\"}"), 400, "'name' must be at most 256");
        assertBadRequest(createGroup(owner, "{\"name\":\"ok\",\"description\":\"" + "d".repeat(1025) + "\"}"), 400,
                "'description' must be at most 1024");
        assertBadRequest(createGroup(owner, "{\"name\":7}"), 400, "'name'");
        assertBadRequest(createGroup(owner, "{\"name\":"), 400, "");
        assertBadRequest(createGroup(owner, "{\"name\":\"elsewhere\",\"account_id\":\"" + "f".repeat(32) + "\"}"), 400,
                "'account_id'");
        String taken = unique("taken");
        group(taken);
        Answer duplicate = createGroup(owner, "{\"name\":\"" + taken + "\"}");
        assertBadRequest(duplicate, 409, "'" + taken + "'");
        assertThat(duplicate.body().at("/errors/0/code").asText()).isEqualTo("conflict");
        JsonNode other = group(unique("other"));
        assertBadRequest(put(other.get("id").asText(), owner, "{\"name\":\"" + taken + "\"}", "*"), 409,
                "'" + taken + "'");
        assertBadRequest(put(other.get("id").asText(), owner, "{\"description\":\"no name\"}", "*"), 400,
                "'name' is required");
        assertThat(server.get(GROUPS + "/" + other.get("id").asText(), owner).body()).isEqualTo(other);
        assertThat(server.get(GROUPS, owner).body().get("serviceid_groups")).hasSize(before + 2);
        assertBadRequest(server.get(GROUPS + "/ServiceIdGroup-unknown", owner), 404, "ServiceIdGroup-unknown");
    }

    @Test
    void anotherAccountsGroupIsForbiddenAndRolesDecideWhoMayDoWhat() {
        JsonNode mine = group(unique("mine"));
        String id = mine.get("id").asText();
        Person elsewhere = fixtures.accountWithOwner();
        String stranger = server.token(elsewhere.apikey());
        assertBadRequest(server.get(GROUPS + "/" + id, stranger), 403, "iam-identity.serviceidgroup.get");
        assertBadRequest(put(id, stranger, "{\"name\":\"x\"}", "*"), 403, "iam-identity.serviceidgroup.update");
        assertBadRequest(server.delete(GROUPS + "/" + id, stranger), 403, "iam-identity.serviceidgroup.delete");
        assertBadRequest(server.get(GROUPS + "?account_id=" + accountId, stranger), 403, accountId);
        assertThat(server.get(GROUPS, stranger).body().get("serviceid_groups")).as("its own account's: none")
                .isEmpty();

        String viewer = server.token(fixtures.member(accountId, Role.VIEWER).apikey());
        assertThat(server.get(GROUPS + "/" + id, viewer).status()).isEqualTo(200);
        assertThat(server.get(GROUPS, viewer).status()).isEqualTo(200);
        assertBadRequest(createGroup(viewer, "{\"name\":\"viewers\"}"), 403, "iam-identity.serviceidgroup.create");
        String editor = server.token(fixtures.member(accountId, Role.EDITOR).apikey());
        Answer edited = createGroup(editor, "{\"name\":\"" + unique("editors") + "\"}");
        assertThat(edited.status()).as(edited.raw()).isEqualTo(201);
        assertThat(edited.body().get("created_by").asText()).isNotEqualTo(ownerIamId);
        assertBadRequest(server.delete(GROUPS + "/" + edited.body().get("id").asText(), editor), 403,
                "iam-identity.serviceidgroup.delete");
        String member = server.token(fixtures.member(accountId).apikey());
        assertBadRequest(server.get(GROUPS, member), 403, "iam-identity.serviceidgroup.list");
        assertThat(server.get(GROUPS + "/" + id, owner).body()).isEqualTo(mine);
    }

    @Test
    void aServiceIdNamesItsGroupWhichIsShownWhenAskedForAndNarrowsTheListing() {
        JsonNode payments = group(unique("payments"));
        JsonNode reports = group(unique("reports"));
        String paymentsId = payments.get("id").asText();
        String reportsId = reports.get("id").asText();

        JsonNode payer = serviceIdIn(paymentsId, "payer");
        assertThat(payer.get("group_id").asText()).isEqualTo(paymentsId);
        List<String> fields = new ArrayList<>();
        payer.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).as("IBM's field order").containsExactly("id", "iam_id", "entity_tag", "crn", "locked",
                "created_at", "modified_at", "account_id", "group_id", "name", "unique_instance_crns");
        String sid = payer.get("id").asText();
        assertThat(server.get("/v1/serviceids/" + sid, owner).body().has("group_id"))
                .as("IBM shows it only when asked").isFalse();
        assertThat(server.get("/v1/serviceids/" + sid + "?show_group_id=true", owner).body().get("group_id").asText())
                .isEqualTo(paymentsId);
        Answer loose = server.post("/v1/serviceids/?show_group_id=true", owner, "{\"name\":\"loose\"}");
        assertThat(loose.status()).isEqualTo(201);
        assertThat(loose.body().has("group_id")).as("the default group has no id").isFalse();

        JsonNode inPayments = server.get("/v1/serviceids/?group_id=" + paymentsId + "&show_group_id=true", owner)
                .body();
        assertThat(inPayments.get("serviceids").findValuesAsText("id")).containsExactly(sid);
        assertThat(inPayments.get("serviceids").get(0).get("group_id").asText()).isEqualTo(paymentsId);
        assertThat(server.get("/v1/serviceids/?group_id=" + reportsId, owner).body().get("serviceids")).isEmpty();
        assertThat(server.get("/v1/serviceids/?pagesize=100", owner).body().get("serviceids").findValuesAsText("id"))
                .as("no group_id: every group's").contains(sid, loose.body().get("id").asText());
        assertBadRequest(server.get("/v1/serviceids/?group_id=ServiceIdGroup-none", owner), 400, "'group_id'");

        Answer moved = server.call("PUT", "/v1/serviceids/" + sid + "?show_group_id=true", owner,
                "{\"group_id\":\"" + reportsId + "\"}", Map.of("If-Match", payer.get("entity_tag").asText()));
        assertThat(moved.status()).as(moved.raw()).isEqualTo(200);
        assertThat(moved.body().get("group_id").asText()).isEqualTo(reportsId);
        assertThat(moved.body().get("name").asText()).isEqualTo("payer");

        Answer inUse = server.delete(GROUPS + "/" + reportsId, owner);
        assertBadRequest(inUse, 409, "still has service IDs");
        assertThat(inUse.body().at("/errors/0/code").asText()).isEqualTo("invalid_state");
        assertThat(server.get(GROUPS + "/" + reportsId, owner).status()).isEqualTo(200);
        assertThat(server.delete(GROUPS + "/" + paymentsId, owner).status()).as("emptied by the move")
                .isEqualTo(204);

        Answer out = server.call("PUT", "/v1/serviceids/" + sid + "?show_group_id=true", owner,
                "{\"group_id\":\"\"}", Map.of("If-Match", "*"));
        assertThat(out.status()).as(out.raw()).isEqualTo(200);
        assertThat(out.body().has("group_id")).as("back in the default group").isFalse();
        assertThat(server.delete(GROUPS + "/" + reportsId, owner).status()).isEqualTo(204);

        List<String> events = new ArrayList<>();
        server.get("/v1/accounts/" + accountId + "/audit_events?target_id=" + sid
                + "&action=iam-identity.serviceid.update", owner).body().get("events")
                .forEach(e -> events.add(e.at("/details/group_id").asText()));
        assertThat(events).containsExactly("", reportsId);
    }

    @Test
    void aServiceIdCannotNameAGroupOutsideItsAccountOrOneTheCallerMayNotChange() {
        JsonNode payments = group(unique("payments"));
        String paymentsId = payments.get("id").asText();
        Person elsewhere = fixtures.accountWithOwner();
        String stranger = server.token(elsewhere.apikey());
        Answer theirs = createGroup(stranger, "{\"name\":\"theirs\"}");
        assertThat(theirs.status()).isEqualTo(201);
        String theirsId = theirs.body().get("id").asText();
        int before = server.get("/v1/serviceids/?pagesize=100", owner).body().get("serviceids").size();

        assertBadRequest(server.post("/v1/serviceids/", owner, "{\"name\":\"x\",\"group_id\":\"" + theirsId + "\"}"),
                400, "'group_id' must name a service ID group of account " + accountId);
        assertBadRequest(server.post("/v1/serviceids/", owner, "{\"name\":\"x\",\"group_id\":\"ServiceIdGroup-none\"}"),
                400, "'group_id'");
        assertBadRequest(server.post("/v1/serviceids/", owner, "{\"name\":\"x\",\"group_id\":7}"), 400, "'group_id'");
        assertBadRequest(server.post("/v1/serviceids/", stranger, "{\"name\":\"x\",\"group_id\":\"" + paymentsId
                + "\"}"), 400, "'group_id'");
        Person viewer = fixtures.member(accountId, Role.VIEWER);
        String viewerToken = server.token(viewer.apikey());
        assertBadRequest(server.post("/v1/serviceids/", viewerToken, "{\"name\":\"x\",\"group_id\":\"" + paymentsId
                + "\",\"apikey\":{\"name\":\"k\"}}"), 403, "iam-identity.serviceidgroup.update");
        assertThat(server.get("/v1/serviceids/?pagesize=100", owner).body().get("serviceids")).as("nothing written")
                .hasSize(before);

        Answer own = server.post("/v1/serviceids/", viewerToken, "{\"name\":\"viewers own\"}");
        assertThat(own.status()).isEqualTo(201);
        assertBadRequest(server.call("PUT", "/v1/serviceids/" + own.body().get("id").asText(), viewerToken,
                "{\"group_id\":\"" + paymentsId + "\"}", Map.of("If-Match", "*")), 403, "service ID group");
        assertThat(server.get("/v1/serviceids/?group_id=" + paymentsId, owner).body().get("serviceids")).isEmpty();
        assertThat(server.delete(GROUPS + "/" + paymentsId, owner).status()).isEqualTo(204);
    }
}
