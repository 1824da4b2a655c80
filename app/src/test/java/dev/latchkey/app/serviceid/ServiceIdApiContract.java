package dev.latchkey.app.serviceid;

import static dev.latchkey.app.support.IbmErrors.assertBadRequest;
import static dev.latchkey.app.support.IbmErrors.assertTokenError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.app.support.AccountOwnerContract;
import dev.latchkey.app.support.Fixtures.Person;
import dev.latchkey.app.support.TestServer;
import dev.latchkey.core.common.TestTexts;
import dev.latchkey.app.support.TestServer.Answer;
import dev.latchkey.core.access.Role;
import dev.latchkey.http.PageToken;
import dev.latchkey.http.Paging;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code /v1/serviceids} and service ID API keys over real HTTP: IBM's wire shape and IT expectations, paging,
 * If-Match, locking, the delete cascade, {@code store_value}, who may do what, and bad input. Runs on H2 and on
 * PostgreSQL through the two subclasses.
 */
abstract class ServiceIdApiContract extends AccountOwnerContract {
    static final String IBM_DATE = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d\\+0000";
    Answer create(String token, String json) {
        return server.post("/v1/serviceids/", token, json);
    }

    JsonNode createServiceId(String token, String name) {
        Answer answer = create(token, "{\"account_id\":\"" + accountId + "\",\"name\":\"" + name + "\"}");
        assertThat(answer.status()).as(answer.raw()).isEqualTo(201);
        return answer.body();
    }

    JsonNode createKey(String token, JsonNode serviceId, String extraFields) {
        Answer answer = server.post("/v1/apikeys", token, "{\"name\":\"k\",\"iam_id\":\""
                + serviceId.get("iam_id").asText() + "\"" + extraFields + "}");
        assertThat(answer.status()).as(answer.raw()).isEqualTo(201);
        return answer.body();
    }

    int count() {
        return server.get("/v1/serviceids?pagesize=100", owner).body().get("serviceids").size();
    }

    static JWTClaimsSet claims(String token) throws Exception {
        return SignedJWT.parse(token).getJWTClaimsSet();
    }

    @Test
    void createWithANestedKeyReturnsBothAndTheKeyGetsATokenForTheServiceId() throws Exception {
        String crn = "crn:v1:bluemix:public:cloud-object-storage:global:a/" + accountId + ":bucket-1::";
        Answer answer = create(owner, "{\"account_id\":\"" + accountId + "\",\"name\":\"billing-app\","
                + "\"description\":\"bills\",\"unique_instance_crns\":[\"" + crn + "\"],"
                + "\"apikey\":{\"name\":\"billing-key\",\"description\":\"first key\",\"action_when_leaked\":\"disable\"}}");
        assertThat(answer.status()).as(answer.raw()).isEqualTo(201);
        JsonNode sid = answer.body();
        String id = sid.get("id").asText();
        assertThat(id).matches("ServiceId-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(sid.get("iam_id").asText()).isEqualTo("iam-" + id);
        assertThat(sid.get("entity_tag").asText()).matches("1-[0-9a-f]{32}").isEqualTo(answer.header("Etag"));
        assertThat(sid.get("crn").asText())
                .isEqualTo("crn:v1:bluemix:public:iam-identity::a/" + accountId + "::serviceid:" + id);
        assertThat(sid.get("locked").isBoolean()).isTrue();
        assertThat(sid.get("locked").asBoolean()).isFalse();
        assertThat(sid.get("created_at").asText()).matches(IBM_DATE);
        assertThat(sid.get("modified_at").asText()).matches(IBM_DATE);
        assertThat(sid.get("unique_instance_crns").get(0).asText()).isEqualTo(crn);
        List<String> fields = new ArrayList<>();
        sid.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).as("IBM's field order").containsExactly("id", "iam_id", "entity_tag", "crn", "locked",
                "created_at", "modified_at", "account_id", "name", "description", "unique_instance_crns", "apikey");

        JsonNode key = sid.get("apikey");
        assertThat(key.get("id").asText()).startsWith("ApiKey-");
        assertThat(key.get("iam_id").asText()).isEqualTo(sid.get("iam_id").asText());
        assertThat(key.get("created_by").asText()).isEqualTo(ownerIamId);
        assertThat(key.get("action_when_leaked").asText()).isEqualTo("disable");
        assertThat(key.get("crn").asText()).contains("::apikey:" + key.get("id").asText());
        String value = key.get("apikey").asText();
        assertThat(value).matches("lk_[0-9A-Za-z]{49}");
        assertThat(server.get("/v1/apikeys/" + key.get("id").asText(), owner).body().has("apikey"))
                .as("no store_value: the value is shown once").isFalse();

        String token = server.token(value);
        JWTClaimsSet claims = claims(token);
        assertThat(claims.getStringClaim("iam_id")).isEqualTo("iam-" + id).isEqualTo(claims.getStringClaim("id"));
        assertThat(claims.getStringClaim("realmid")).isEqualTo("iam");
        assertThat(claims.getStringClaim("identifier")).isEqualTo(id);
        assertThat(claims.getSubject()).isEqualTo(id);
        assertThat(claims.getStringClaim("sub_type")).isEqualTo("ServiceId");
        assertThat(claims.getStringClaim("name")).isEqualTo("billing-app");
        assertThat(claims.getClaim("email")).isNull();
        assertThat(claims.getJSONObjectClaim("authn")).isEqualTo(Map.of("sub", id, "iam_id", "iam-" + id,
                "sub_type", "ServiceId", "name", "billing-app"));
        assertThat(claims.getJSONObjectClaim("authn").keySet()).containsExactly("sub", "iam_id", "sub_type", "name");
        assertThat(claims.getJSONObjectClaim("account")).containsEntry("bss", accountId).containsEntry("valid", true);
        assertThat(server.get("/v1/serviceids/" + id, token).status()).as("no policy grants the service ID anything")
                .isEqualTo(403);

        Person other = fixtures.accountWithOwner();
        Answer elsewhere = server.tokenRequest(Map.of("grant_type", TestServer.APIKEY_GRANT, "apikey", value,
                "account", other.accountId()), Map.of());
        assertTokenError(elsewhere, "LKIAM0464E", "not a member");

        JsonNode active = server.get("/v1/serviceids/" + id + "?include_activity=true", owner).body();
        assertThat(active.get("activity").get("authn_count").asLong()).isEqualTo(1);
        assertThat(active.get("activity").get("last_authn").asText()).matches(IBM_DATE);
    }

    @Test
    void ibmIntegrationTestExpectationsHold() {
        JsonNode sid = createServiceId(owner, "it-java-sdk-" + System.nanoTime());
        String id = sid.get("id").asText();
        String name = sid.get("name").asText();

        JsonNode byName = server.get("/v1/serviceids/?account_id=" + accountId + "&name=" + TestServer.enc(name)
                + "&pagesize=100", owner).body();
        assertThat(byName.get("serviceids").findValuesAsText("id")).containsExactly(id);
        assertThat(byName.get("offset").isIntegralNumber()).isTrue();
        assertThat(byName.get("offset").asLong()).isZero();
        assertThat(byName.get("limit").asLong()).isEqualTo(100);
        assertThat(byName.has("next")).isFalse();
        JsonNode byFilter = server.get("/v1/serviceids/?account_id=" + accountId + "&pagesize=100&filter="
                + TestServer.enc("name co \"" + name.substring(12) + "\""), owner).body();
        assertThat(byFilter.get("serviceids").findValuesAsText("id")).containsExactly(id);
        assertThat(byFilter.has("next")).isFalse();

        Answer read = server.get("/v1/serviceids/" + id + "?include_history=true", owner);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.headers().allValues("Etag")).containsExactly(sid.get("entity_tag").asText());
        assertThat(read.body().get("history").size()).isPositive();
        assertThat(read.body().get("history").get(0).get("action").asText()).isEqualTo("create");
        assertThat(read.body().get("history").get(0).get("iam_id").asText()).isEqualTo(ownerIamId);

        Answer updated = server.call("PUT", "/v1/serviceids/" + id, owner, "{\"description\":\"updated by the IT\"}",
                Map.of("If-Match", read.header("Etag")));
        assertThat(updated.status()).as(updated.raw()).isEqualTo(200);
        assertThat(updated.body().get("description").asText()).isEqualTo("updated by the IT");

        Answer locked = server.post("/v1/serviceids/" + id + "/lock", owner, null);
        assertThat(locked.status()).isEqualTo(204);
        assertThat(locked.raw()).isEmpty();
        assertThat(server.get("/v1/serviceids/" + id, owner).body().get("locked").asBoolean()).isTrue();
        assertThat(server.delete("/v1/serviceids/" + id + "/lock", owner).status()).isEqualTo(204);
        assertThat(server.get("/v1/serviceids/" + id, owner).body().get("locked").asBoolean()).isFalse();

        Answer deleted = server.delete("/v1/serviceids/" + id, owner);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.raw()).isEmpty();
        assertBadRequest(server.get("/v1/serviceids/" + id, owner), 404, "not found");
        assertBadRequest(server.get("/v1/serviceids/ServiceId-00000000-0000-4000-8000-000000000000", owner), 404,
                "not found");
    }

    @Test
    void collectionAnswersWithAndWithoutTheTrailingSlash() {
        Answer withSlash = create(owner, "{\"account_id\":\"" + accountId + "\",\"name\":\"slash\"}");
        Answer without = server.post("/v1/serviceids", owner, "{\"account_id\":\"" + accountId + "\",\"name\":\"no-slash\"}");
        assertThat(withSlash.status()).isEqualTo(201);
        assertThat(without.status()).isEqualTo(201);
        assertThat(server.get("/v1/serviceids/?name=slash", owner).body().get("serviceids").size()).isEqualTo(1);
        assertThat(server.get("/v1/serviceids?name=no-slash", owner).body().get("serviceids").size()).isEqualTo(1);
        assertThat(server.get("/v1/serviceids/" + withSlash.body().get("id").asText() + "/", owner).status())
                .isEqualTo(200);
    }

    @Test
    void listPagesWithAbsoluteNextUrlsSortsAndRefusesBadParameters() {
        for (String name : new String[] {"pg-c", "pg-a", "pg-b"}) {
            create(owner, "{\"name\":\"" + name + "\",\"description\":\"d-" + name + "\"}");
        }
        String filter = "&filter=" + TestServer.enc("name sw \"pg-\"");
        JsonNode page1 = server.get("/v1/serviceids/?account_id=" + accountId + "&pagesize=2&sort=name" + filter,
                owner).body();
        assertThat(page1.get("serviceids").findValuesAsText("name")).containsExactly("pg-a", "pg-b");
        assertThat(page1.get("limit").asInt()).isEqualTo(2);
        assertThat(page1.has("previous")).isFalse();
        assertThat(page1.get("first").asText()).startsWith(server.url + "/v1/serviceids/?");
        String next = page1.get("next").asText();
        assertThat(next).startsWith(server.url + "/v1/serviceids/?").contains("pagetoken=")
                .contains("account_id=" + accountId).contains("pagesize=2");
        JsonNode page2 = server.get(next.substring(server.url.length()), owner).body();
        assertThat(page2.get("serviceids").findValuesAsText("name")).containsExactly("pg-c");
        assertThat(page2.get("offset").asInt()).isEqualTo(2);
        assertThat(page2.has("next")).isFalse();
        assertThat(page2.get("previous").asText()).contains("pagetoken=");
        JsonNode desc = server.get("/v1/serviceids/?sort=description&order=desc" + filter, owner).body();
        assertThat(desc.get("serviceids").findValuesAsText("name")).containsExactly("pg-c", "pg-b", "pg-a");
        JsonNode history = server.get("/v1/serviceids/?include_history=true" + filter, owner).body();
        assertThat(history.get("serviceids").get(0).get("history").size()).isPositive();

        assertPagingRefused("/v1/serviceids/");
        assertBadRequest(server.get("/v1/serviceids/?sort=created_by", owner), 400, "'sort'");
        assertBadRequest(server.get("/v1/serviceids/?include_history=maybe", owner), 400, "'include_history'");
        assertBadRequest(server.get("/v1/serviceids/?filter=" + TestServer.enc("iam_id co \"x\""), owner), 400,
                "'filter'");
        assertBadRequest(server.get("/v1/serviceids/?filter=" + TestServer.enc("name co"), owner), 400, "'filter'");
        assertBadRequest(server.get("/v1/serviceids/?account_id=" + "f".repeat(32), owner), 403, "account");
    }

    private static List<String> ids(JsonNode page) {
        return page.get("serviceids").findValuesAsText("id");
    }

    /** Keyset paging (decision 0038): every order, forwards to the end and back to the start, ties included. */
    @Test
    void pagesByPositionVisitEveryServiceIdOnceBothWaysWithTiedNames() {
        String[] names = {"walk-tie", "walk-b", "walk-tie", "walk-a", "walk-tie", "walk-c", "walk-tie"};
        for (int i = 0; i < names.length; i++) {
            String description = i % 3 == 0 ? "" : ",\"description\":\"d" + (i % 2) + "\"";
            assertThat(create(owner, "{\"name\":\"" + names[i] + "\"" + description + "}").status()).isEqualTo(201);
        }
        String filter = "&filter=" + TestServer.enc("name sw \"walk-\"");
        for (String order : new String[] {"sort=name", "sort=name&order=desc", "sort=created_at&order=desc",
                "sort=description", "sort=description&order=desc", "sort=modified_at"}) {
            List<String> all = ids(server.get("/v1/serviceids?pagesize=100&" + order + filter, owner).body());
            assertThat(all).hasSize(7).doesNotHaveDuplicates();
            List<JsonNode> forward = follow(server.get("/v1/serviceids?pagesize=2&" + order + filter, owner).body(),
                    "next", "/v1/serviceids");
            assertThat(forward.stream().flatMap(page -> ids(page).stream()).toList()).as(order)
                    .containsExactlyElementsOf(all);
            assertThat(forward).extracting(page -> page.get("offset").asInt()).as(order).containsExactly(0, 2, 4, 6);
            List<JsonNode> backward = follow(forward.getLast(), "previous", "/v1/serviceids");
            assertThat(backward).extracting(ServiceIdApiContract::ids).as(order).containsExactly(ids(forward.get(3)),
                    ids(forward.get(2)), ids(forward.get(1)), ids(forward.get(0)));
        }
        String token = server.get("/v1/serviceids?pagesize=1&sort=name" + filter, owner).body().get("next").asText()
                .replaceAll(".*pagetoken=([^&]*).*", "$1");
        assertBadRequest(server.get("/v1/serviceids?sort=created_at&pagetoken=" + token, owner), 400, "another order");
        Map<String, String> forged = Map.of(token.substring(0, token.length() - 3), "name", token + "AAAA", "name",
                PageToken.of(0, new PageToken.Position("NAME", false, false, null, "ServiceId-x")), "name",
                PageToken.of(0, new PageToken.Position("MODIFIED_AT", false, false, "last week", "ServiceId-x")),
                "modified_at");
        forged.forEach((bad, sort) -> assertBadRequest(server.get("/v1/serviceids?sort=" + sort + "&pagetoken=" + bad,
                owner), 400, "'pagetoken'"));
        assertThat(server.get("/v1/serviceids?pagetoken=" + Paging.token(2) + filter, owner).body()
                .get("offset").asInt()).as("a token of the older offset form is still an offset").isEqualTo(2);
    }

    /** A description of 1,024 characters of three bytes each is stored and listed (on PostgreSQL too, V32). */
    @Test
    void aDescriptionOfAThousandThreeByteCharactersIsStoredAndListed() {
        String description = TestTexts.ideographs(1_024, 7);
        Answer created = create(owner, "{\"name\":\"long-description\",\"description\":\"" + description + "\"}");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        JsonNode listed = server.get("/v1/serviceids?sort=description&name=long-description", owner).body();
        assertThat(listed.get("serviceids").findValuesAsText("description")).containsExactly(description);
    }

    @Test
    void updateNeedsIfMatchAndAStaleTagWritesNothing() {
        JsonNode sid = createServiceId(owner, "to-update");
        String path = "/v1/serviceids/" + sid.get("id").asText();
        String tag = sid.get("entity_tag").asText();
        assertBadRequest(server.call("PUT", path, owner, "{\"name\":\"x\"}", Map.of()), 400, "If-Match");
        Answer updated = server.call("PUT", path, owner, "{\"name\":\"renamed\",\"description\":\"d\","
                + "\"unique_instance_crns\":[\"crn:v1:one\",\"crn:v1:two\"]}", Map.of("If-Match", tag));
        assertThat(updated.status()).as(updated.raw()).isEqualTo(200);
        assertThat(updated.body().get("name").asText()).isEqualTo("renamed");
        assertThat(updated.body().get("unique_instance_crns").toString()).isEqualTo("[\"crn:v1:one\",\"crn:v1:two\"]");
        assertThat(updated.header("Etag")).startsWith("2-").isEqualTo(updated.body().get("entity_tag").asText());

        assertBadRequest(server.call("PUT", path, owner, "{\"name\":\"lost update\"}", Map.of("If-Match", tag)), 409,
                "changed since");
        JsonNode stored = server.get(path + "?include_history=true", owner).body();
        assertThat(stored.get("name").asText()).isEqualTo("renamed");
        assertThat(stored.get("history").findValuesAsText("action")).containsExactly("create", "update");
        assertThat(stored.get("history").get(1).get("params").toString())
                .contains("name", "description", "unique_instance_crns");

        Answer cleared = server.call("PUT", path, owner, "{\"description\":\"\",\"unique_instance_crns\":[]}",
                Map.of("If-Match", "*"));
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.body().has("description")).isFalse();
        assertThat(cleared.body().get("unique_instance_crns").size()).isZero();
        assertBadRequest(server.call("PUT", path, owner, "{\"name\":\"\"}", Map.of("If-Match", "*")), 400, "'name'");
        assertBadRequest(server.call("PUT", path, owner, "{\"name\":7}", Map.of("If-Match", "*")), 400,
                "'name' must be a string");
        assertBadRequest(server.call("PUT", path, owner, "{\"unique_instance_crns\":\"crn:v1:x\"}",
                Map.of("If-Match", "*")), 400, "'unique_instance_crns' must be an array");
        assertThat(server.get(path, owner).body().get("entity_tag").asText()).startsWith("3-");
    }

    @Test
    void aLockedServiceIdCannotBeUpdatedOrDeletedButItsKeysStillWork() {
        Answer made = create(owner, "{\"name\":\"to-lock\",\"apikey\":{\"name\":\"k\"}}");
        String path = "/v1/serviceids/" + made.body().get("id").asText();
        String value = made.body().get("apikey").get("apikey").asText();
        assertThat(server.post(path + "/lock", owner, null).status()).isEqualTo(204);
        assertBadRequest(server.post(path + "/lock", owner, null), 409, "already locked");
        assertBadRequest(server.call("PUT", path, owner, "{\"name\":\"x\"}", Map.of("If-Match", "*")), 409, "locked");
        assertBadRequest(server.delete(path, owner), 409, "locked");
        assertThat(server.get(path, owner).body().get("name").asText()).isEqualTo("to-lock");
        assertThat(server.token(value)).isNotBlank();
        assertThat(server.delete(path + "/lock", owner).status()).isEqualTo(204);
        assertBadRequest(server.delete(path + "/lock", owner), 409, "already unlocked");
        assertThat(server.delete(path, owner).status()).isEqualTo(204);
    }

    @Test
    void createWithEntityLockMakesItLocked() {
        Answer answer = server.call("POST", "/v1/serviceids/", owner, "{\"name\":\"born-locked\"}",
                Map.of("Entity-Lock", "true"));
        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.body().get("locked").asBoolean()).isTrue();
    }

    @Test
    void deleteCascadesToItsKeysAndPoliciesAtOnce() {
        Answer made = create(owner, "{\"name\":\"doomed\",\"apikey\":{\"name\":\"first\"}}");
        JsonNode sid = made.body();
        String iamId = sid.get("iam_id").asText();
        String first = sid.get("apikey").get("apikey").asText();
        JsonNode second = createKey(owner, sid, ",\"store_value\":true");
        String policy = fixtures.grant(accountId, iamId, Role.VIEWER);
        assertThat(server.token(first)).as("warms the token path's caches").isNotBlank();
        assertThat(server.token(second.get("apikey").asText())).isNotBlank();
        JsonNode untouched = createServiceId(owner, "bystander");
        JsonNode bystanderKey = createKey(owner, untouched, "");

        assertThat(server.delete("/v1/serviceids/" + sid.get("id").asText(), owner).status()).isEqualTo(204);
        assertBadRequest(server.get("/v1/serviceids/" + sid.get("id").asText(), owner), 404, "not found");
        assertBadRequest(server.delete("/v1/serviceids/" + sid.get("id").asText(), owner), 404, "not found");
        assertTokenError(server.tokenFor(first), "BXNIM0415E", "could not be found");
        assertTokenError(server.tokenFor(second.get("apikey").asText()), "BXNIM0415E", "could not be found");
        assertBadRequest(server.get("/v1/apikeys/" + second.get("id").asText(), owner), 404, "not found");
        assertThat(fixtures.policiesOf(accountId, iamId)).as("policy " + policy + " is gone").isEmpty();
        assertThat(server.get("/v1/apikeys?scope=account&type=serviceid&pagesize=100", owner).body().get("apikeys")
                .findValuesAsText("iam_id")).doesNotContain(iamId).contains(untouched.get("iam_id").asText());
        assertThat(server.token(bystanderKey.get("apikey").asText())).isNotBlank();
    }

    @Test
    void storeValueKeepsAServiceIdKeysValueRetrievableSealed() {
        JsonNode sid = createServiceId(owner, "stored");
        JsonNode stored = createKey(owner, sid, ",\"store_value\":true");
        String value = stored.get("apikey").asText();
        String path = "/v1/apikeys/" + stored.get("id").asText();
        assertThat(server.get(path, owner).body().get("apikey").asText()).isEqualTo(value);
        Answer details = server.call("GET", "/v1/apikeys/details", owner, null, Map.of("IAM-ApiKey", value));
        assertThat(details.body().get("apikey").asText()).isEqualTo(value);
        Answer updated = server.call("PUT", path, owner, "{\"description\":\"still here\"}", Map.of("If-Match", "*"));
        assertThat(updated.body().get("apikey").asText()).isEqualTo(value);
        byte[] sealed = fixtures.sealedValue(stored.get("id").asText()).orElseThrow();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(value.substring(3, 20));
        assertThat(server.get(path + "?include_history=true", owner).body().get("history").toString())
                .doesNotContain(value);
        assertThat(server.get("/v1/apikeys?scope=account&type=serviceid&pagesize=100", owner).raw())
                .as("lists never carry values").doesNotContain(value);

        JsonNode plain = createKey(owner, sid, ",\"store_value\":false");
        assertThat(server.get("/v1/apikeys/" + plain.get("id").asText(), owner).body().has("apikey")).isFalse();
        assertThat(fixtures.sealedValue(plain.get("id").asText())).isEmpty();
        // Details answers are kept per cached key, but never one that shows a value (decision 0039).
        for (int i = 0; i < 2; i++) {
            assertThat(server.call("GET", "/v1/apikeys/details", owner, null, Map.of("IAM-ApiKey", value)).body()
                    .get("apikey").asText()).as("stored value, asked again").isEqualTo(value);
            JsonNode plainDetails = server.call("GET", "/v1/apikeys/details", owner, null,
                    Map.of("IAM-ApiKey", plain.get("apikey").asText())).body();
            assertThat(plainDetails.has("apikey")).isFalse();
            assertThat(plainDetails.get("iam_id").asText()).isEqualTo(sid.get("iam_id").asText());
        }
        Answer nested = create(owner, "{\"name\":\"nested-stored\",\"apikey\":{\"name\":\"n\",\"store_value\":true}}");
        JsonNode nestedKey = nested.body().get("apikey");
        assertThat(server.get("/v1/apikeys/" + nestedKey.get("id").asText(), owner).body().get("apikey").asText())
                .isEqualTo(nestedKey.get("apikey").asText());
        assertBadRequest(server.post("/v1/apikeys", owner, "{\"name\":\"u\",\"iam_id\":\"" + ownerIamId
                + "\",\"store_value\":true}"), 400, "'store_value'");
    }

    @Test
    void serviceIdKeysAreNotCountedAgainstTheUserKeyLimit() {
        JsonNode sid = createServiceId(owner, "many-keys");
        for (int i = 0; i < 21; i++) {
            createKey(owner, sid, "");
        }
        JsonNode keys = server.get("/v1/apikeys?iam_id=" + sid.get("iam_id").asText() + "&pagesize=100", owner).body();
        assertThat(keys.get("apikeys").size()).isEqualTo(21);
    }

    @Test
    void theCreatorAndAdministratorsManageAServiceIdAndOtherMembersDoNot() {
        Person creator = fixtures.member(accountId);
        Person stranger = fixtures.member(accountId);
        Person identityAdmin = fixtures.member(accountId, Role.ADMINISTRATOR);
        String creatorToken = server.token(creator.apikey());
        String strangerToken = server.token(stranger.apikey());
        String adminToken = server.token(identityAdmin.apikey());

        JsonNode sid = createServiceId(creatorToken, "mine");
        String path = "/v1/serviceids/" + sid.get("id").asText();
        assertThat(server.get(path, creatorToken).status()).isEqualTo(200);
        JsonNode key = createKey(creatorToken, sid, ",\"store_value\":true");
        String keyPath = "/v1/apikeys/" + key.get("id").asText();
        assertThat(server.get(keyPath, creatorToken).body().get("apikey").asText()).isEqualTo(key.get("apikey").asText());
        assertThat(server.get("/v1/apikeys?iam_id=" + sid.get("iam_id").asText(), creatorToken).status()).isEqualTo(200);
        assertBadRequest(server.get("/v1/serviceids/", creatorToken), 403, "iam-identity.serviceid.get");

        assertBadRequest(server.get(path, strangerToken), 403, "iam-identity.serviceid.get");
        assertBadRequest(server.call("PUT", path, strangerToken, "{\"name\":\"taken\"}", Map.of("If-Match", "*")), 403,
                "iam-identity.serviceid.update");
        assertBadRequest(server.delete(path, strangerToken), 403, "iam-identity.serviceid.delete");
        assertBadRequest(server.post(path + "/lock", strangerToken, null), 403, "iam-identity.serviceid.update");
        assertBadRequest(server.post("/v1/apikeys", strangerToken, "{\"name\":\"sneak\",\"iam_id\":\""
                + sid.get("iam_id").asText() + "\"}"), 403, "iam-identity.serviceid.update");
        Answer peek = server.get(keyPath, strangerToken);
        assertBadRequest(peek, 403, "not yours");
        assertThat(peek.raw()).doesNotContain(key.get("apikey").asText());
        assertBadRequest(server.call("PUT", keyPath, strangerToken, "{\"name\":\"x\"}", Map.of("If-Match", "*")), 403,
                "service ID");
        assertBadRequest(server.get("/v1/apikeys?iam_id=" + sid.get("iam_id").asText(), strangerToken), 403,
                "service ID");

        assertThat(server.get(path, adminToken).status()).isEqualTo(200);
        assertThat(server.call("PUT", path, adminToken, "{\"description\":\"seen by an admin\"}",
                Map.of("If-Match", "*")).status()).isEqualTo(200);
        assertThat(server.get(keyPath, adminToken).status()).isEqualTo(200);
        assertThat(server.call("PUT", path, creatorToken, "{\"name\":\"still mine\"}", Map.of("If-Match", "*"))
                .status()).isEqualTo(200);
        assertThat(server.delete(path, creatorToken).status()).isEqualTo(204);
    }

    @Test
    void serviceIdsCannotCreateServiceIds() {
        Answer made = create(owner, "{\"name\":\"robot\",\"apikey\":{\"name\":\"k\"}}");
        String robot = server.token(made.body().get("apikey").get("apikey").asText());
        fixtures.grant(accountId, made.body().get("iam_id").asText(), Role.ADMINISTRATOR);
        assertThat(server.get("/v1/serviceids/", robot).status()).as("the grant works").isEqualTo(200);
        int before = count();
        assertBadRequest(create(robot, "{\"name\":\"child\"}"), 403, "Service IDs cannot create service IDs");
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void badInputIsRefusedWithIbmErrorsAndWritesNothing() {
        int before = count();
        assertBadRequest(create(owner, "{\"account_id\":\"" + accountId + "\"}"), 400, "'name'");
        assertBadRequest(create(owner, "{\"name\":\"   \"}"), 400, "'name'");
        assertBadRequest(create(owner, "{\"name\":42}"), 400, "'name' must be a string");
        assertBadRequest(create(owner, "{\"name\":\"x\",\"description\":false}"), 400, "'description' must be a string");
        assertBadRequest(create(owner, "{\"name\":\"x\",\"account_id\":\"" + "f".repeat(32) + "\"}"), 400,
                "'account_id'");
        assertBadRequest(create(owner, "{\"name\":\"x\",\"account_id\":17}"), 400, "'account_id' must be a string");
        assertBadRequest(create(owner, "{\"name\":\"x\",\"unique_instance_crns\":\"crn:v1:x\"}"), 400,
                "'unique_instance_crns' must be an array");
        assertBadRequest(create(owner, "{\"name\":\"x\",\"unique_instance_crns\":[1]}"), 400,
                "'unique_instance_crns[0]' must be a string");
        assertBadRequest(create(owner, "{\"name\":\"x\",\"unique_instance_crns\":[\"not a crn\"]}"), 400,
                "'unique_instance_crns'");
        assertBadRequest(create(owner, "{\"name\":\"x\",\"apikey\":\"lk_value\"}"), 400, "'apikey' must be an object");
        assertBadRequest(create(owner, "{\"name\":\"x\",\"apikey\":{}}"), 400, "'apikey.name'");
        assertBadRequest(create(owner, "{\"name\":\"x\",\"apikey\":{\"name\":\"k\",\"store_value\":\"yes\"}}"), 400,
                "'apikey.store_value' must be true or false");
        Answer shortValue = create(owner, "{\"name\":\"x\",\"apikey\":{\"name\":\"k\",\"apikey\":\"short-secret\"}}");
        assertBadRequest(shortValue, 400, "'apikey' must be 32");
        assertThat(shortValue.raw()).doesNotContain("short-secret");
        assertBadRequest(create(owner, "{\"name\":\"x\",\"apikey\":{\"name\":\"k\",\"expires_at\":\"2001-01-01\"}}"),
                400, "in the future");
        assertBadRequest(server.call("POST", "/v1/serviceids/", owner, "{\"name\":\"x\"}", Map.of("Entity-Lock", "perhaps")),
                400, "'Entity-Lock'");
        assertBadRequest(create(owner, "{\"name\":"), 400, "not valid JSON");
        assertBadRequest(create(owner, "[]"), 400, "JSON object");
        assertBadRequest(server.call("POST", "/v1/serviceids/", owner, null, Map.of("Content-Type", "text/plain")),
                415, "application/json");
        assertThat(count()).as("no service ID was half-written").isEqualTo(before);

        assertBadRequest(server.post("/v1/apikeys", owner, "{\"name\":\"k\",\"iam_id\":\"iam-ServiceId-"
                + "00000000-0000-4000-8000-000000000000\"}"), 400, "'iam_id'");
        JsonNode sid = createServiceId(owner, "for-bad-keys");
        assertBadRequest(server.post("/v1/apikeys", owner, "{\"name\":\"k\",\"iam_id\":\"" + sid.get("iam_id").asText()
                + "\",\"support_sessions\":true}"), 400, "'support_sessions'");
        assertThat(server.get("/v1/apikeys?iam_id=" + sid.get("iam_id").asText(), owner).body().get("apikeys").size())
                .isZero();
    }
}
