package dev.latchkey.app.apikey;

import static dev.latchkey.app.support.IbmErrors.assertBadRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.app.ServerConfig;
import dev.latchkey.app.support.Fixtures;
import dev.latchkey.app.support.Fixtures.Person;
import dev.latchkey.app.support.TestServer;
import dev.latchkey.app.support.TestServer.Answer;
import dev.latchkey.core.access.Role;
import dev.latchkey.core.common.MutableClock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /v1/apikeys/{id}/usage} over real HTTP with a clock the test moves across a UTC midnight: token
 * exchanges per day from the batched activity writes (and what is not written yet), every day listed, who may read
 * it, bad input, 90 days kept. Runs on H2 and on PostgreSQL through the two subclasses.
 */
abstract class KeyUsageApiContract {
    /** Today (UTC) at 23:59: a minute before midnight, so the test crosses a day boundary near the real time. */
    final LocalDate today = LocalDate.now(ZoneOffset.UTC);
    final MutableClock clock = new MutableClock(today.atTime(23, 59).toInstant(ZoneOffset.UTC));
    final TestServer server = TestServer.start(config(), clock);
    final Fixtures fixtures = new Fixtures(server);

    abstract ServerConfig config();

    @AfterEach
    void stop() {
        server.close();
    }

    String usagePath(String keyId, String query) {
        return "/v1/apikeys/" + keyId + "/usage" + query;
    }

    /** A fresh key of {@code owner}, made through the API: id and value. */
    String[] keyOf(Person owner) {
        Answer made = server.post("/v1/apikeys", server.token(owner.apikey()), "{\"name\":\"measured\",\"iam_id\":\""
                + owner.iamId() + "\"}");
        assertThat(made.status()).as(made.raw()).isEqualTo(201);
        return new String[] {made.body().get("id").asText(), made.body().get("apikey").asText()};
    }

    static List<String> dates(JsonNode answer) {
        List<String> dates = new ArrayList<>();
        answer.get("usage").forEach(day -> dates.add(day.get("date").asText()));
        return dates;
    }

    static List<Long> counts(JsonNode answer) {
        List<Long> counts = new ArrayList<>();
        answer.get("usage").forEach(day -> counts.add(day.get("token_exchanges").asLong()));
        return counts;
    }

    long storedRows(String keyId) {
        return server.wiring.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM api_key_usage WHERE api_key_id = :id").bind("id", keyId).mapTo(Long.class).one());
    }

    @Test
    void exchangesAreCountedPerUtcDayAcrossMidnightFromTheBatchedWrites() {
        Person owner = fixtures.accountWithOwner();
        String[] key = keyOf(owner);
        server.token(key[1]);
        server.token(key[1]);
        server.wiring.flushActivity();
        clock.advance(Duration.ofMinutes(2)); // 00:01 the next day, UTC
        server.token(key[1]);
        String reader = server.token(owner.apikey());

        Answer answer = server.get(usagePath(key[0], "?days=3"), reader);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        assertThat(answer.body().get("apikey_id").asText()).isEqualTo(key[0]);
        assertThat(dates(answer.body())).containsExactly(today.minusDays(1).toString(), today.toString(),
                today.plusDays(1).toString());
        assertThat(counts(answer.body())).as("written or not yet, every use counts").containsExactly(0L, 2L, 1L);
        assertThat(answer.body().get("total_token_exchanges").asLong()).isEqualTo(3);
        assertThat(answer.body().get("usage").get(0).size()).as("date and token_exchanges only").isEqualTo(2);

        server.wiring.flushActivity();
        assertThat(storedRows(key[0])).as("one row per day").isEqualTo(2);
        assertThat(server.get(usagePath(key[0], "?days=3"), reader).raw()).isEqualTo(answer.raw());
        JsonNode all = server.get(usagePath(key[0], ""), reader).body();
        assertThat(dates(all)).hasSize(90).endsWith(today.plusDays(1).toString())
                .startsWith(today.minusDays(88).toString());
        assertThat(all.get("total_token_exchanges").asLong()).isEqualTo(3);

        clock.advance(Duration.ofDays(89)); // the first day counted is the 91st day back now
        String later = server.token(owner.apikey());
        assertThat(counts(server.get(usagePath(key[0], "?days=90"), later).body()).getFirst()).isEqualTo(1L);
        assertThat(server.get(usagePath(key[0], "?days=90"), later).body().get("total_token_exchanges").asLong())
                .as("the day before midnight fell out of the 90 days").isEqualTo(1);
        assertThat(server.wiring.pruneKeyUsage(clock.instant())).as("this key's first day, and others'").isPositive();
        assertThat(storedRows(key[0])).isEqualTo(1);
    }

    @Test
    void whoMayViewTheKeyMayReadItsUsageAndBadInputIsAnIbmError() {
        Person owner = fixtures.accountWithOwner();
        Person member = fixtures.member(owner.accountId());
        String[] key = keyOf(member);
        String path = usagePath(key[0], "?days=7");
        assertThat(server.get(path, server.token(member.apikey())).status()).as("the key's own user").isEqualTo(200);
        assertThat(server.get(path, server.token(owner.apikey())).status()).as("the account owner").isEqualTo(200);
        Person viewer = fixtures.member(owner.accountId(), Role.VIEWER);
        assertBadRequest(server.get(path, server.token(viewer.apikey())), 403, key[0]);
        Person stranger = fixtures.accountWithOwner();
        assertBadRequest(server.get(path, server.token(stranger.apikey())), 403, key[0]);
        assertThat(server.get(path, null).status()).isEqualTo(401);

        String token = server.token(member.apikey());
        for (String bad : List.of("0", "91", "-3", "abc", "1.5", "", "99999999999")) {
            assertBadRequest(server.get(usagePath(key[0], "?days=" + bad), token), 400, "days");
        }
        assertBadRequest(server.get(usagePath("ApiKey-no-such-key", ""), token), 404, "ApiKey-no-such-key");
    }

    @Test
    void aDeletedKeyTakesItsUsageWithIt() {
        Person owner = fixtures.accountWithOwner();
        String[] key = keyOf(owner);
        server.token(key[1]);
        server.wiring.flushActivity();
        assertThat(storedRows(key[0])).isEqualTo(1);
        String token = server.token(owner.apikey());
        assertThat(server.delete("/v1/apikeys/" + key[0], token).status()).isEqualTo(204);
        assertThat(storedRows(key[0])).isZero();
        assertBadRequest(server.get(usagePath(key[0], ""), token), 404, key[0]);
    }
}
