package dev.latchkey.app.apikey;

import static dev.latchkey.app.support.IbmErrors.assertBadRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.app.support.AccountOwnerContract;
import dev.latchkey.app.support.Fixtures;
import dev.latchkey.app.support.TestServer;
import dev.latchkey.core.common.TestTexts;
import dev.latchkey.app.support.TestServer.Answer;
import dev.latchkey.http.PageToken;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code /v1/apikeys} over real HTTP: success, validation, conflicts and IBM's wire details, per route. Runs on
 * H2 and on PostgreSQL through the two subclasses.
 */
abstract class ApiKeyApiContract extends AccountOwnerContract {
    Answer create(String json) {
        return server.post("/v1/apikeys", owner, json);
    }

    JsonNode createKey(String name) {
        Answer answer = create("{\"name\":\"" + name + "\",\"iam_id\":\"" + ownerIamId + "\"}");
        assertThat(answer.status()).as(answer.raw()).isEqualTo(201);
        return answer.body();
    }

    void deleteKey(JsonNode key) {
        server.delete("/v1/apikeys/" + key.get("id").asText(), owner);
    }

    @Test
    void createReturnsTheValueOnceWithIbmFields() {
        Answer answer = create("{\"name\":\"ci\",\"iam_id\":\"" + ownerIamId + "\",\"description\":\"for CI\","
                + "\"expires_at\":\"2049-01-02T18:30:00+0000\",\"action_when_leaked\":\"disable\"}");
        assertThat(answer.status()).isEqualTo(201);
        JsonNode key = answer.body();
        assertThat(key.get("apikey").asText()).matches("lk_[0-9A-Za-z]{49}");
        assertThat(key.get("id").asText()).startsWith("ApiKey-");
        assertThat(key.get("crn").asText()).isEqualTo("crn:v1:bluemix:public:iam-identity::a/" + accountId
                + "::apikey:" + key.get("id").asText());
        assertThat(key.get("entity_tag").asText()).matches("1-[0-9a-f]{32}").isEqualTo(answer.header("Etag"));
        assertThat(key.get("locked").isBoolean()).isTrue();
        assertThat(key.get("locked").asBoolean()).isFalse();
        assertThat(key.get("disabled").asBoolean()).isFalse();
        assertThat(key.get("support_sessions").isBoolean()).isTrue();
        assertThat(key.get("action_when_leaked").asText()).isEqualTo("disable");
        assertThat(key.get("expires_at").asText()).isEqualTo("2049-01-02T18:30+0000");
        assertThat(key.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d\\+0000");
        assertThat(key.get("created_by").asText()).isEqualTo(ownerIamId);
        assertThat(key.get("account_id").asText()).isEqualTo(accountId);

        Answer read = server.get("/v1/apikeys/" + key.get("id").asText(), owner);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().has("apikey")).as("value is never shown again").isFalse();
        assertThat(read.headers().allValues("Etag")).containsExactly(key.get("entity_tag").asText());
        assertThat(server.token(key.get("apikey").asText())).isNotBlank();
        deleteKey(key);
    }

    @Test
    void createHonoursEntityLockAndEntityDisableHeaders() {
        Answer answer = server.call("POST", "/v1/apikeys", owner,
                "{\"name\":\"held\",\"iam_id\":\"" + ownerIamId + "\"}", Map.of("Entity-Lock", "true", "Entity-Disable", "true"));
        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.body().get("locked").asBoolean()).isTrue();
        assertThat(answer.body().get("disabled").asBoolean()).isTrue();
        assertThat(server.tokenFor(answer.body().get("apikey").asText()).body().get("errorCode").asText())
                .isEqualTo("BXNIM0462E");
        String id = answer.body().get("id").asText();
        server.delete("/v1/apikeys/" + id + "/lock", owner);
        server.delete("/v1/apikeys/" + id, owner);
    }

    @Test
    void createAcceptsAClientSuppliedValueOfAtLeast32Characters() {
        String value = "my-own-api-key-value-0123456789-abcdef";
        Answer answer = create("{\"name\":\"own\",\"iam_id\":\"" + ownerIamId + "\",\"apikey\":\"" + value + "\"}");
        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.body().get("apikey").asText()).isEqualTo(value);
        assertThat(server.token(value)).isNotBlank();
        Answer duplicate = create("{\"name\":\"dup\",\"iam_id\":\"" + ownerIamId + "\",\"apikey\":\"" + value + "\"}");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.raw()).doesNotContain(value);
        deleteKey(answer.body());
    }

    @Test
    void createRefusesBadInputWithAClearMessageAndWritesNothing() {
        int before = server.get("/v1/apikeys?pagesize=100", owner).body().get("apikeys").size();
        assertBadRequest(create("{\"iam_id\":\"" + ownerIamId + "\"}"), 400, "'name'");
        assertBadRequest(create("{\"name\":\"  \",\"iam_id\":\"" + ownerIamId + "\"}"), 400, "'name'");
        assertBadRequest(create("{\"name\":\"x\"}"), 400, "'iam_id'");
        assertBadRequest(create("{\"name\":42,\"iam_id\":\"" + ownerIamId + "\"}"), 400, "'name' must be a string");
        assertBadRequest(create("{\"name\":\"x\",\"iam_id\":\"" + ownerIamId + "\",\"store_value\":\"yes\"}"), 400,
                "'store_value' must be true or false");
        assertBadRequest(create("{\"name\":\"x\",\"iam_id\":\"IBMid-NOBODY0000\"}"), 400, "'iam_id'");
        assertBadRequest(create("{\"name\":\"x\",\"iam_id\":\"" + ownerIamId + "\",\"account_id\":\"" + "f".repeat(32)
                + "\"}"), 400, "'account_id'");
        assertBadRequest(create("{\"name\":\"x\",\"iam_id\":\"" + ownerIamId + "\",\"store_value\":true}"), 400,
                "'store_value'");
        assertBadRequest(create("{\"name\":\"x\",\"iam_id\":\"" + ownerIamId + "\",\"action_when_leaked\":\"explode\"}"),
                400, "'action_when_leaked'");
        assertBadRequest(create("{\"name\":\"x\",\"iam_id\":\"" + ownerIamId + "\",\"expires_at\":\"soon\"}"), 400,
                "'expires_at'");
        assertBadRequest(create("{\"name\":\"x\",\"iam_id\":\"" + ownerIamId + "\",\"expires_at\":\"2001-01-01T00:00+0000\"}"),
                400, "in the future");
        assertBadRequest(create("{\"name\":\"x\",\"iam_id\":\"" + ownerIamId + "\",\"apikey\":\"short\"}"), 400,
                "'apikey' must be 32");
        assertBadRequest(create("{\"name\":\"x\",\"iam_id\":\"" + ownerIamId + "\",\"apikey\":\"lk_"
                + "A".repeat(49) + "\"}"), 400, "checksum");
        assertBadRequest(create("{\"name\":"), 400, "not valid JSON");
        assertBadRequest(create("[1,2]"), 400, "JSON object");
        assertBadRequest(create("[".repeat(5000) + "]".repeat(5000)), 400, "nesting depth (33) exceeds the maximum"
                + " allowed (32)");
        assertBadRequest(create("{\"name\":\"x\",\"iam_id\":\"" + ownerIamId + "\",\"description\":" + "9".repeat(2000)
                + "}"), 400, "Number value length");
        assertBadRequest(server.call("POST", "/v1/apikeys", owner, null,
                Map.of("Content-Type", "text/plain")), 415, "application/json");
        assertBadRequest(create("{\"name\":\"" + "x".repeat(1_100_000) + "\",\"iam_id\":\"" + ownerIamId + "\"}"), 413,
                "larger than");
        assertBadRequest(server.call("POST", "/v1/apikeys", owner, "{\"name\":\"x\",\"iam_id\":\"" + ownerIamId + "\"}",
                Map.of("Entity-Lock", "maybe")), 400, "'Entity-Lock'");
        assertThat(server.get("/v1/apikeys?pagesize=100", owner).body().get("apikeys").size()).isEqualTo(before);
    }

    @Test
    void aUserHasAtMostTwentyKeysPerAccount() {
        int existing = server.get("/v1/apikeys?pagesize=100", owner).body().get("apikeys").size();
        java.util.List<JsonNode> made = new java.util.ArrayList<>();
        for (int i = existing; i < 20; i++) {
            made.add(createKey("fill-" + i));
        }
        Answer refused = create("{\"name\":\"twenty-first\",\"iam_id\":\"" + ownerIamId + "\"}");
        assertBadRequest(refused, 422, "limit");
        assertThat(refused.body().get("errors").get(0).get("message_code").asText()).isEqualTo("BXNIM0151E");
        assertThat(server.get("/v1/apikeys?pagesize=100", owner).body().get("apikeys").size()).isEqualTo(20);
        made.forEach(this::deleteKey);
    }

    @Test
    void creationsRacingForTheTwentiethKeyLetExactlyOneThrough() throws Exception {
        int existing = server.get("/v1/apikeys?pagesize=100", owner).body().get("apikeys").size();
        for (int i = existing; i < 19; i++) {
            createKey("fill-" + i);
        }
        java.util.List<Answer> answers = TestServer.atOnce(8,
                i -> create("{\"name\":\"racer-" + i + "\",\"iam_id\":\"" + ownerIamId + "\"}"));
        assertThat(answers).extracting(Answer::status).containsOnly(201, 422);
        assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(1);
        JsonNode all = server.get("/v1/apikeys?pagesize=100", owner).body().get("apikeys");
        assertThat(all.size()).isEqualTo(20);
        all.forEach(key -> {
            if (key.get("name").asText().startsWith("racer-") || key.get("name").asText().startsWith("fill-")) {
                deleteKey(key);
            }
        });
    }

    @Test
    void getWithHistoryAndActivityCountsAuthentications() {
        JsonNode key = createKey("active");
        String id = key.get("id").asText();
        JsonNode fresh = server.get("/v1/apikeys/" + id + "?include_activity=true&include_history=true", owner).body();
        assertThat(fresh.get("activity").get("authn_count").asLong()).isZero();
        assertThat(fresh.get("activity").has("last_authn")).isFalse();
        assertThat(fresh.get("history").get(0).get("action").asText()).isEqualTo("create");
        server.token(key.get("apikey").asText());
        server.token(key.get("apikey").asText());
        JsonNode unflushed = server.get("/v1/apikeys/" + id + "?include_activity=true", owner).body();
        assertThat(unflushed.get("activity").get("authn_count").asLong()).isEqualTo(2);
        server.wiring.flushActivity();
        JsonNode used = server.get("/v1/apikeys/" + id + "?include_activity=true", owner).body();
        assertThat(used.get("activity").get("authn_count").asLong()).isEqualTo(2);
        assertThat(used.get("activity").get("last_authn").asText()).matches("\\d{4}-.*\\+0000");
        assertThat(used.has("history")).isFalse();
        assertBadRequest(server.get("/v1/apikeys/" + id + "?include_history=perhaps", owner), 400, "'include_history'");
        deleteKey(key);
    }

    @Test
    void detailsFindsTheKeyByItsValue() {
        JsonNode key = createKey("details");
        Answer answer = server.call("GET", "/v1/apikeys/details?include_history=true", owner, null,
                Map.of("IAM-ApiKey", key.get("apikey").asText()));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("id").asText()).isEqualTo(key.get("id").asText());
        assertThat(answer.body().get("history").size()).isPositive();
        assertThat(answer.body().has("apikey")).isFalse();
        assertThat(answer.headers().firstValue("Etag")).hasValue(key.get("entity_tag").asText());
        assertBadRequest(server.get("/v1/apikeys/details", owner), 400, "'IAM-ApiKey'");
        // Served ahead of Javalin (DirectRoutes), with the same conventions as every other route:
        Answer traced = server.call("GET", "/v1/apikeys/details/", owner, null,
                Map.of("IAM-ApiKey", key.get("apikey").asText(), "Transaction-Id", "trace-details-1"));
        assertThat(traced.status()).as("a trailing slash is ignored").isEqualTo(200);
        assertThat(traced.headers().firstValue("Transaction-Id")).hasValue("trace-details-1");
        assertBadRequest(server.call("GET", "/v1/apikeys/details?include_history=perhaps", owner, null,
                Map.of("IAM-ApiKey", key.get("apikey").asText())), 400, "'include_history'");
        assertBadRequest(server.call("POST", "/v1/apikeys/details", owner, "{}", Map.of()), 405, "not allowed");
        // The answer is kept per cached key from its second request on: a change must show at once.
        Map<String, String> byValue = Map.of("IAM-ApiKey", key.get("apikey").asText());
        for (int i = 0; i < 3; i++) {
            assertThat(server.call("GET", "/v1/apikeys/details", owner, null, byValue).body().get("name").asText())
                    .isEqualTo("details");
        }
        String path = "/v1/apikeys/" + key.get("id").asText();
        assertThat(server.call("PUT", path, owner, "{\"name\":\"renamed\"}", Map.of("If-Match", "*")).status())
                .isEqualTo(200);
        assertThat(server.post(path + "/lock", owner, null).status()).isEqualTo(204);
        Answer changed = server.call("GET", "/v1/apikeys/details", owner, null, byValue);
        assertThat(changed.body().get("name").asText()).isEqualTo("renamed");
        assertThat(changed.body().get("locked").asBoolean()).isTrue();
        assertThat(changed.headers().firstValue("Etag")).hasValue(changed.body().get("entity_tag").asText())
                .isNotEqualTo(answer.headers().firstValue("Etag"));
        assertThat(server.delete(path + "/lock", owner).status()).isEqualTo(204);
        Answer unknown = server.call("GET", "/v1/apikeys/details", owner, null, Map.of("IAM-ApiKey", "x".repeat(40)));
        assertBadRequest(unknown, 404, "not found");
        assertThat(unknown.raw()).doesNotContain("x".repeat(10));
        deleteKey(key);
    }

    @Test
    void updateNeedsIfMatchAndRefusesStaleTagsWithoutWriting() {
        JsonNode key = createKey("to-update");
        String path = "/v1/apikeys/" + key.get("id").asText();
        String tag = key.get("entity_tag").asText();
        assertBadRequest(server.call("PUT", path, owner, "{\"name\":\"x\"}", Map.of()), 400, "If-Match");
        Answer updated = server.call("PUT", path, owner, "{\"name\":\"renamed\",\"description\":\"d\","
                + "\"support_sessions\":true,\"action_when_leaked\":\"delete\",\"expires_at\":\"2049-01-02T18:30+0000\"}",
                Map.of("If-Match", tag));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.body().get("name").asText()).isEqualTo("renamed");
        assertThat(updated.body().get("support_sessions").asBoolean()).isTrue();
        assertThat(updated.body().get("action_when_leaked").asText()).isEqualTo("delete");
        String newTag = updated.body().get("entity_tag").asText();
        assertThat(newTag).startsWith("2-").isNotEqualTo(tag);

        assertBadRequest(server.call("PUT", path, owner, "{\"name\":\"lost update\"}", Map.of("If-Match", tag)), 409,
                "changed since");
        assertThat(server.get(path, owner).body().get("name").asText()).isEqualTo("renamed");

        Answer cleared = server.call("PUT", path, owner, "{\"description\":\"\",\"expires_at\":\"\"}", Map.of("If-Match", "*"));
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.body().has("description")).isFalse();
        assertThat(cleared.body().has("expires_at")).isFalse();
        assertBadRequest(server.call("PUT", path, owner, "{\"name\":\"\"}", Map.of("If-Match", "*")), 400, "'name'");
        JsonNode history = server.get(path + "?include_history=true", owner).body().get("history");
        assertThat(history.findValuesAsText("action")).containsExactly("create", "update", "update");
        assertThat(history.get(1).get("params").toString()).contains("name", "expires_at");
        deleteKey(key);
    }

    @Test
    void concurrentWritersWithTheSameTagDoNotLoseUpdates() throws Exception {
        JsonNode key = createKey("contended");
        String path = "/v1/apikeys/" + key.get("id").asText();
        String tag = key.get("entity_tag").asText();
        java.util.List<Answer> answers = TestServer.atOnce(8, i -> server.call("PUT", path, owner,
                "{\"name\":\"writer-" + i + "\"}", Map.of("If-Match", tag)));
        assertThat(answers).extracting(Answer::status).containsOnly(200, 409);
        java.util.List<Answer> winners = answers.stream().filter(a -> a.status() == 200).toList();
        assertThat(winners).hasSize(1);
        JsonNode stored = server.get(path + "?include_history=true", owner).body();
        assertThat(stored.get("name").asText()).isEqualTo(winners.get(0).body().get("name").asText());
        assertThat(stored.get("history").findValuesAsText("action")).containsExactly("create", "update");
        deleteKey(key);
    }

    @Test
    void deleteThenNotFound() {
        JsonNode key = createKey("to-delete");
        String path = "/v1/apikeys/" + key.get("id").asText();
        Answer deleted = server.delete(path, owner);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.raw()).isEmpty();
        assertBadRequest(server.get(path, owner), 404, "not found");
        assertBadRequest(server.delete(path, owner), 404, "not found");
        assertThat(server.tokenFor(key.get("apikey").asText()).body().get("errorCode").asText()).isEqualTo("BXNIM0415E");
    }

    @Test
    void lockedKeysCannotBeChangedOrDeletedButStillAuthenticate() {
        JsonNode key = createKey("to-lock");
        String path = "/v1/apikeys/" + key.get("id").asText();
        assertThat(server.post(path + "/lock", owner, null).status()).isEqualTo(204);
        assertThat(server.get(path, owner).body().get("locked").asBoolean()).isTrue();
        assertBadRequest(server.post(path + "/lock", owner, null), 409, "already locked");
        assertBadRequest(server.call("PUT", path, owner, "{\"name\":\"x\"}", Map.of("If-Match", "*")), 409, "locked");
        assertBadRequest(server.delete(path, owner), 409, "locked");
        assertThat(server.token(key.get("apikey").asText())).isNotBlank();
        assertThat(server.delete(path + "/lock", owner).status()).isEqualTo(204);
        assertThat(server.get(path, owner).body().get("locked").asBoolean()).isFalse();
        assertThat(server.delete(path, owner).status()).isEqualTo(204);
    }

    @Test
    void disabledKeysGetNoTokenUntilEnabled() {
        JsonNode key = createKey("to-disable");
        String path = "/v1/apikeys/" + key.get("id").asText();
        String value = key.get("apikey").asText();
        assertThat(server.post(path + "/disable", owner, null).status()).isEqualTo(204);
        assertThat(server.get(path, owner).body().get("disabled").asBoolean()).isTrue();
        Answer refused = server.tokenFor(value);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("errorCode").asText()).isEqualTo("BXNIM0462E");
        assertBadRequest(server.post(path + "/disable", owner, null), 409, "already disabled");
        assertThat(server.delete(path + "/disable", owner).status()).isEqualTo(204);
        assertThat(server.token(value)).isNotBlank();
        deleteKey(key);
    }

    private static List<String> ids(JsonNode page) {
        return page.get("apikeys").findValuesAsText("id");
    }

    @Test
    void pagesByPositionVisitEveryKeyOnceBothWaysWithTiedNames() {
        List<JsonNode> made = new ArrayList<>();
        for (String name : new String[] {"walk-tie", "walk-b", "walk-tie", "walk-a", "walk-tie", "walk-c", "walk-tie"}) {
            made.add(createKey(name));
        }
        String filter = "&filter=" + TestServer.enc("name sw \"walk-\"");
        for (String order : new String[] {"sort=name", "sort=name&order=desc", "sort=created_at&order=desc",
                "sort=description", "sort=created_by&order=desc"}) {
            List<String> all = ids(server.get("/v1/apikeys?pagesize=100&" + order + filter, owner).body());
            assertThat(all).hasSize(7).doesNotHaveDuplicates();
            List<JsonNode> forward = follow(server.get("/v1/apikeys?pagesize=2&" + order + filter, owner).body(),
                    "next", "/v1/apikeys");
            assertThat(forward.stream().flatMap(page -> ids(page).stream()).toList()).as(order)
                    .containsExactlyElementsOf(all);
            assertThat(forward).extracting(page -> page.get("offset").asInt()).as(order).containsExactly(0, 2, 4, 6);

            List<JsonNode> backward = follow(forward.getLast(), "previous", "/v1/apikeys");
            assertThat(backward).extracting(ApiKeyApiContract::ids).as(order).containsExactly(ids(forward.get(3)),
                    ids(forward.get(2)), ids(forward.get(1)), ids(forward.get(0)));
            assertThat(backward).extracting(page -> page.get("offset").asInt()).as(order).containsExactly(6, 4, 2, 0);
        }
        made.forEach(this::deleteKey);
    }

    /**
     * A description of 1,024 characters of three bytes each (3 KB) is within IBM's limit: it is stored, and the
     * listing by description shows it. PostgreSQL answered 500 for it before V32 (its index entries take 2,704 bytes).
     */
    @Test
    void aDescriptionOfAThousandThreeByteCharactersIsStoredAndListed() {
        String description = TestTexts.ideographs(1_024, 7);
        Answer created = create("{\"name\":\"long-description\",\"iam_id\":\"" + ownerIamId + "\",\"description\":\""
                + description + "\"}");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        JsonNode listed = server.get("/v1/apikeys?sort=description&order=desc&filter="
                + TestServer.enc("name sw \"long-description\""), owner).body();
        assertThat(listed.get("apikeys").findValuesAsText("description")).containsExactly(description);
        deleteKey(created.body());
    }

    @Test
    void aPagetokenThisServerDidNotIssueIsA400() {
        JsonNode key = createKey("token-probe");
        JsonNode first = server.get("/v1/apikeys?pagesize=1&sort=name", owner).body();
        String token = first.get("next").asText().replaceAll(".*pagetoken=([^&]*).*", "$1");
        assertBadRequest(server.get("/v1/apikeys?pagesize=1&sort=created_at&pagetoken=" + token, owner), 400,
                "another order");
        assertBadRequest(server.get("/v1/apikeys?pagesize=1&sort=name&order=desc&pagetoken=" + token, owner), 400,
                "another order");
        List<String> forged = List.of(token.substring(0, token.length() - 3), token + "AAAA", "cA", "o:1",
                position(-1, "NAME", "a", "ApiKey-x"), position(0, "NAME", null, "ApiKey-x"),
                position(0, "NAME", "a\0b", "ApiKey-x"), position(0, "NAME", "a".repeat(5000), "ApiKey-x"),
                position(0, "NAME", "a", ""), position(0, "CREATED_AT", "yesterday", "ApiKey-x"));
        for (String bad : forged) {
            String sort = bad.equals(forged.getLast()) ? "created_at" : "name";
            assertBadRequest(server.get("/v1/apikeys?sort=" + sort + "&pagetoken=" + bad, owner), 400, "'pagetoken'");
        }
        assertThat(server.get("/v1/apikeys?sort=name&pagetoken=" + position(3, "NAME", "zzz", "ApiKey-x"), owner)
                .status()).as("a well-formed position past the end is an empty page").isEqualTo(200);
        deleteKey(key);
    }

    private static String position(int offset, String sort, String value, String id) {
        return PageToken.of(offset, new PageToken.Position(sort, false, false, value, id));
    }

    @Test
    void listPagesWithAbsoluteNextUrlsAndFiltersAndSorts() {
        java.util.List<JsonNode> made = new java.util.ArrayList<>();
        for (String name : new String[] {"page-c", "page-a", "page-b"}) {
            made.add(createKey(name));
        }
        JsonNode page1 = server.get("/v1/apikeys?pagesize=2&sort=name&filter=" + TestServer.enc("name sw \"page-\""),
                owner).body();
        assertThat(page1.get("limit").asInt()).isEqualTo(2);
        assertThat(page1.get("offset").asInt()).isZero();
        assertThat(page1.get("apikeys").findValuesAsText("name")).containsExactly("page-a", "page-b");
        assertThat(page1.has("previous")).isFalse();
        String next = page1.get("next").asText();
        assertThat(next).startsWith(server.url + "/v1/apikeys?").contains("pagetoken=").contains("pagesize=2");
        JsonNode page2 = server.get(next.substring(server.url.length()), owner).body();
        assertThat(page2.get("apikeys").findValuesAsText("name")).containsExactly("page-c");
        assertThat(page2.has("next")).isFalse();
        assertThat(page2.get("previous").asText()).contains("pagetoken=");

        JsonNode desc = server.get("/v1/apikeys?sort=name&order=desc&filter=" + TestServer.enc("name co_ci \"PAGE-\""),
                owner).body();
        assertThat(desc.get("apikeys").findValuesAsText("name")).containsExactly("page-c", "page-b", "page-a");
        JsonNode account = server.get("/v1/apikeys?scope=account&type=user&pagesize=100", owner).body();
        assertThat(account.get("apikeys").size()).isGreaterThanOrEqualTo(4);

        assertPagingRefused("/v1/apikeys");
        assertBadRequest(server.get("/v1/apikeys?scope=galaxy", owner), 400, "'scope'");
        assertBadRequest(server.get("/v1/apikeys?type=robot", owner), 400, "'type'");
        assertBadRequest(server.get("/v1/apikeys?sort=secret", owner), 400, "'sort'");
        assertBadRequest(server.get("/v1/apikeys?filter=" + TestServer.enc("apikey co \"lk_\""), owner), 400, "'filter'");
        made.forEach(this::deleteKey);
    }

    @Test
    void expiredKeysGetNoToken() {
        String expired = new Fixtures(server).key(accountId, ownerIamId,
                Instant.now().minus(1, ChronoUnit.MINUTES), false);
        Answer answer = server.tokenFor(expired);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("errorCode").asText()).isEqualTo("LKIAM0463E");
        assertThat(answer.body().get("errorMessage").asText()).contains("expired");
    }

    @Test
    void unknownRoutesAndMethodsGetIbmErrorBodies() {
        assertBadRequest(server.get("/v1/nothing-here", owner), 404, "No route");
        assertBadRequest(server.call("PATCH", "/v1/apikeys", owner, "{}", Map.of()), 405, "not allowed");
    }
}
