package dev.latchkey.app.apikey;

import static dev.latchkey.app.support.IbmErrors.assertBadRequest;
import static dev.latchkey.app.support.IbmErrors.assertTokenError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.app.support.AccountOwnerContract;
import dev.latchkey.app.support.Fixtures.Person;
import dev.latchkey.app.support.TestServer;
import dev.latchkey.app.support.TestServer.Answer;
import dev.latchkey.core.access.Role;
import dev.latchkey.core.common.MutableClock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/apikeys/{id}/rotate} on a real server whose clock the test moves (decision 0032): the answer, the
 * overlap of the two values on the token and details routes up to exactly the end of the grace, stored values, the
 * leak intake, notification of the owner, and IBM-style refusals. Runs on H2 and PostgreSQL through the subclasses.
 */
abstract class ApiKeyRotationApiContract extends AccountOwnerContract {
    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    TestServer startOn(boolean postgres) {
        return TestServer.start(TestServer.config(postgres), clock);
    }

    JsonNode createKey(String name, String extra) {
        Answer answer = server.post("/v1/apikeys", owner, "{\"name\":\"" + name + "\",\"iam_id\":\"" + ownerIamId
                + "\"" + extra + "}");
        assertThat(answer.status()).as(answer.raw()).isEqualTo(201);
        return answer.body();
    }

    Answer rotate(String id, String body) {
        return server.post("/v1/apikeys/" + id + "/rotate", owner, body);
    }

    Answer details(String value) {
        return server.call("GET", "/v1/apikeys/details", server.token(server.adminKey), null,
                Map.of("IAM-ApiKey", value));
    }

    @Test
    void theNewValueIsAnsweredOnceLikeCreateAndTheOldOneWorksUntilExactlyTheEndOfTheGrace() {
        JsonNode created = createKey("rotating", ",\"description\":\"d\",\"action_when_leaked\":\"disable\"");
        String id = created.get("id").asText();
        String oldValue = created.get("apikey").asText();
        Instant rotatedAt = clock.instant();
        Answer answer = rotate(id, "{\"grace_seconds\":600}");

        assertThat(answer.status()).as(answer.raw()).isEqualTo(201);
        assertThat(answer.header("Cache-Control")).isEqualTo("no-store");
        JsonNode rotated = answer.body();
        String newValue = rotated.get("apikey").asText();
        assertThat(newValue).matches("lk_[0-9A-Za-z]{49}").isNotEqualTo(oldValue);
        assertThat(rotated.get("id").asText()).isEqualTo(id);
        assertThat(rotated.get("name").asText()).isEqualTo("rotating");
        assertThat(rotated.get("description").asText()).isEqualTo("d");
        assertThat(rotated.get("action_when_leaked").asText()).isEqualTo("disable");
        assertThat(rotated.get("created_at").asText()).isEqualTo(created.get("created_at").asText());
        assertThat(rotated.get("entity_tag").asText()).startsWith("2-").isEqualTo(answer.header("Etag"));
        Answer read = server.get("/v1/apikeys/" + id + "?include_history=true", owner);
        assertThat(read.body().has("apikey")).as("the value is not shown again").isFalse();
        JsonNode history = read.body().get("history");
        assertThat(history.get(history.size() - 1).get("action").asText()).isEqualTo("rotate");
        assertThat(history.get(history.size() - 1).get("message").asText()).contains("grace 600 seconds")
                .doesNotContain(oldValue, newValue);
        assertThat(read.raw()).doesNotContain(oldValue, newValue);

        assertThat(server.tokenFor(oldValue).status()).isEqualTo(200);
        assertThat(server.tokenFor(newValue).status()).isEqualTo(200);
        assertThat(details(oldValue).body().get("id").asText()).isEqualTo(id);

        clock.set(rotatedAt.plusSeconds(600).minusMillis(1));
        assertThat(server.tokenFor(oldValue).status()).as("1 ms before the end").isEqualTo(200);
        assertThat(details(oldValue).status()).isEqualTo(200);

        clock.set(rotatedAt.plusSeconds(600));
        assertTokenError(server.tokenFor(oldValue), "BXNIM0415E", "");
        assertThat(details(oldValue).status()).as("at the end").isEqualTo(404);
        assertThat(server.tokenFor(newValue).status()).isEqualTo(200);
        assertThat(details(newValue).body().get("id").asText()).isEqualTo(id);
        owner = server.token(server.adminKey);
    }

    @Test
    void withoutABodyTheOldValueStopsAtOnceAndRotatingAgainEndsAnEarlierGrace() {
        JsonNode created = createKey("quick", "");
        String id = created.get("id").asText();
        Answer now = server.call("POST", "/v1/apikeys/" + id + "/rotate", owner, null, Map.of());
        assertThat(now.status()).as(now.raw()).isEqualTo(201);
        assertThat(server.tokenFor(created.get("apikey").asText()).status()).isEqualTo(400);

        String second = now.body().get("apikey").asText();
        String third = rotate(id, "{\"grace_seconds\":3600}").body().get("apikey").asText();
        assertThat(server.tokenFor(second).status()).isEqualTo(200);
        String fourth = rotate(id, "{\"grace_seconds\":3600}").body().get("apikey").asText();
        assertThat(server.tokenFor(second).status()).as("only the newest previous value overlaps").isEqualTo(400);
        assertThat(server.tokenFor(third).status()).isEqualTo(200);
        assertThat(server.tokenFor(fourth).status()).isEqualTo(200);
    }

    @Test
    void badGraceValuesAndStateAreRefusedInIbmsFormatAndChangeNothing() {
        JsonNode created = createKey("guarded", "");
        String id = created.get("id").asText();
        assertBadRequest(rotate(id, "{\"grace_seconds\":-1}"), 400, "'grace_seconds'");
        assertBadRequest(rotate(id, "{\"grace_seconds\":604801}"), 400, "'grace_seconds'");
        assertBadRequest(rotate(id, "{\"grace_seconds\":1.5}"), 400, "'grace_seconds' must be a whole number");
        assertBadRequest(rotate(id, "{\"grace_seconds\":\"60\"}"), 400, "'grace_seconds' must be a whole number");
        assertBadRequest(rotate(id, "{\"grace_seconds\":1e30}"), 400, "'grace_seconds'");
        assertBadRequest(rotate(id, "{\"grace\":60}"), 400, "'grace'");
        assertBadRequest(rotate(id, "[60]"), 400, "JSON object");
        assertBadRequest(rotate("ApiKey-nothing-here", "{\"grace_seconds\":60}"), 404, "ApiKey-nothing-here");
        Answer stale = server.call("POST", "/v1/apikeys/" + id + "/rotate", owner, "{\"grace_seconds\":60}",
                Map.of("If-Match", "7-0123456789abcdef0123456789abcdef"));
        assertBadRequest(stale, 409, "If-Match");
        assertThat(server.post("/v1/apikeys/" + id + "/lock", owner, null).status()).isEqualTo(204);
        assertBadRequest(rotate(id, "{\"grace_seconds\":60}"), 409, "locked");
        assertThat(server.delete("/v1/apikeys/" + id + "/lock", owner).status()).isEqualTo(204);

        JsonNode read = server.get("/v1/apikeys/" + id + "?include_history=true", owner).body();
        assertThat(read.get("history").findValuesAsText("action")).doesNotContain("rotate");
        assertThat(server.tokenFor(created.get("apikey").asText()).status()).isEqualTo(200);

        Answer matching = server.call("POST", "/v1/apikeys/" + id + "/rotate", owner, "{\"grace_seconds\":604800}",
                Map.of("If-Match", read.get("entity_tag").asText()));
        assertThat(matching.status()).as(matching.raw()).isEqualTo(201);
        assertThat(matching.body().get("entity_tag").asText()).startsWith((read.get("entity_tag").asText()
                .charAt(0) - '0' + 1) + "-");
    }

    @Test
    void aStoredServiceIdKeyShowsItsNewValueFromNowOn() {
        Answer sid = server.post("/v1/serviceids/", owner, "{\"account_id\":\"" + accountId + "\",\"name\":\"rot\"}");
        Answer key = server.post("/v1/apikeys", owner, "{\"name\":\"stored\",\"iam_id\":\""
                + sid.body().get("iam_id").asText() + "\",\"store_value\":true}");
        String id = key.body().get("id").asText();
        Answer rotated = rotate(id, "{\"grace_seconds\":60}");
        assertThat(rotated.status()).as(rotated.raw()).isEqualTo(201);
        String newValue = rotated.body().get("apikey").asText();
        assertThat(server.get("/v1/apikeys/" + id, owner).body().get("apikey").asText()).isEqualTo(newValue);
        assertThat(server.tokenFor(key.body().get("apikey").asText()).status()).isEqualTo(200);
        assertThat(server.tokenFor(newValue).status()).isEqualTo(200);
    }

    @Test
    void aLeakedPreviousValueInItsGraceDisablesTheKey() {
        JsonNode created = createKey("leaky", ",\"action_when_leaked\":\"disable\"");
        String id = created.get("id").asText();
        String newValue = rotate(id, "{\"grace_seconds\":600}").body().get("apikey").asText();
        Answer report = server.post("/v1/leaks", owner, "[{\"token\":\"" + created.get("apikey").asText()
                + "\",\"type\":\"latchkey_api_key\"}]");
        assertThat(report.body().get(0).get("label").asText()).isEqualTo("true_positive");
        assertThat(server.get("/v1/apikeys/" + id, owner).body().get("disabled").asBoolean()).isTrue();
        assertTokenError(server.tokenFor(newValue), "BXNIM0462E", "");
    }

    @Test
    void onlyWhoMayChangeTheKeyRotatesItAndTheOwnerHearsOfAnAdministratorsRotation() {
        Person member = fixtures.member(accountId);
        Person other = fixtures.member(accountId);
        Person admin = fixtures.member(accountId, Role.ADMINISTRATOR);
        String id = server.post("/v1/apikeys", server.token(member.apikey()), "{\"name\":\"theirs\",\"iam_id\":\""
                + member.iamId() + "\"}").body().get("id").asText();
        assertBadRequest(server.post("/v1/apikeys/" + id + "/rotate", server.token(other.apikey()),
                "{\"grace_seconds\":60}"), 403, "not allowed to rotate");
        Answer byAdmin = server.post("/v1/apikeys/" + id + "/rotate", server.token(admin.apikey()),
                "{\"grace_seconds\":60}");
        assertThat(byAdmin.status()).as(byAdmin.raw()).isEqualTo(201);
        JsonNode outbox = server.get("/v1/accounts/" + accountId + "/notifications", owner).body();
        assertThat(outbox.toString()).contains("apikey.rotated_by_other", id)
                .doesNotContain(byAdmin.body().get("apikey").asText());
    }
}
