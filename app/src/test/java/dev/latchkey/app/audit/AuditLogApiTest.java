package dev.latchkey.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.app.support.Fixtures;
import dev.latchkey.app.support.Fixtures.Person;
import dev.latchkey.app.support.LatchkeyCli;
import dev.latchkey.app.support.LatchkeyCli.Run;
import dev.latchkey.app.support.TestServer;
import dev.latchkey.app.support.TestServer.Answer;
import dev.latchkey.core.access.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The audit log over real HTTP: changes made through the API are in the account's trail with actor, address and
 * trace id and without secrets; who may read it; refused token exchanges and sign-ins arrive in batches; and
 * {@code audit-verify} finds a row edited straight in the database (H2 and PostgreSQL).
 */
class AuditLogApiTest {
    TestServer server;
    final LatchkeyCli cli = new LatchkeyCli(java.nio.file.Path.of("target", "audit-test-profile"));

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        LatchkeyCli.reset();
    }

    static String events(String accountId) {
        return "/v1/accounts/" + accountId + "/audit_events";
    }

    static List<String> actions(JsonNode page) {
        List<String> actions = new ArrayList<>();
        page.path("events").forEach(e -> actions.add(e.path("action").asText()));
        return actions;
    }

    @Test
    void everyChangeIsRecordedWithItsActorOriginAndNoSecret() {
        server = TestServer.h2();
        Fixtures fixtures = new Fixtures(server);
        Person owner = fixtures.accountWithOwner();
        String token = server.token(owner.apikey());
        Answer created = server.call("POST", "/v1/apikeys", token, "{\"name\":\"ci\",\"iam_id\":\"" + owner.iamId()
                + "\"}", Map.of("Transaction-Id", "audit-trace-1"));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String keyId = created.body().get("id").asText();
        String value = created.body().get("apikey").asText();
        String etag = created.header("Etag");
        Answer renamed = server.call("PUT", "/v1/apikeys/" + keyId, token, "{\"name\":\"ci-renamed\"}",
                Map.of("If-Match", etag));
        assertThat(renamed.status()).as(renamed.raw()).isEqualTo(200);
        assertThat(server.post("/v1/apikeys/" + keyId + "/disable", token, null).status()).isEqualTo(204);
        assertThat(server.delete("/v1/apikeys/" + keyId, token).status()).isEqualTo(204);

        Answer page = server.get(events(owner.accountId()), token);
        assertThat(page.status()).as(page.raw()).isEqualTo(200);
        assertThat(actions(page.body())).containsSubsequence("iam-identity.apikey.delete",
                "iam-identity.apikey.disable", "iam-identity.apikey.update", "iam-identity.apikey.create");
        JsonNode create = page.body().get("events").get(3);
        assertThat(create.get("actor").get("iam_id").asText()).isEqualTo(owner.iamId());
        assertThat(create.get("actor").get("address").asText()).isEqualTo("127.0.0.1");
        assertThat(create.get("trace_id").asText()).isEqualTo("audit-trace-1");
        assertThat(create.get("target").get("id").asText()).isEqualTo(keyId);
        assertThat(create.get("outcome").asText()).isEqualTo("success");
        assertThat(create.get("details").get("name").asText()).isEqualTo("ci");
        assertThat(page.body().get("events").get(2).get("details").get("name").asText()).isEqualTo("ci-renamed");
        assertThat(page.raw()).as("no key value in the log").doesNotContain(value, value.substring(3));
        assertThat(page.body().get("events").get(0).get("previous_hash").asText())
                .isEqualTo(page.body().get("events").get(1).get("hash").asText());

        Answer forKey = server.get(events(owner.accountId()) + "?target_id=" + keyId + "&action=iam-identity.apikey.update",
                token);
        assertThat(actions(forKey.body())).containsExactly("iam-identity.apikey.update");
        Answer first = server.get(events(owner.accountId()) + "?pagesize=2", token);
        assertThat(first.body().get("events")).hasSize(2);
        String next = first.body().get("next").asText();
        Answer second = server.get(next.substring(next.indexOf("/v1/")), token);
        assertThat(second.body().get("events").get(0).get("seq").asLong())
                .isEqualTo(first.body().get("events").get(1).get("seq").asLong() - 1);
        assertThat(server.get(events(owner.accountId()) + "?pagetoken=nonsense", token).status()).isEqualTo(400);
        assertThat(server.get(events(owner.accountId()) + "?from=yesterday", token).status()).isEqualTo(400);
    }

    @Test
    void onlyTheOwnerAndAuditViewersReadTheLogOfTheirOwnAccount() {
        server = TestServer.h2();
        Fixtures fixtures = new Fixtures(server);
        Person owner = fixtures.accountWithOwner();
        Person member = fixtures.member(owner.accountId());
        Person identityAdmin = fixtures.member(owner.accountId(), Role.ADMINISTRATOR);
        Person auditor = fixtures.member(owner.accountId());
        fixtures.grant(owner.accountId(), auditor.iamId(), "iam-audit", Role.VIEWER);
        Person stranger = fixtures.accountWithOwner();
        String path = events(owner.accountId());
        assertThat(server.get(path, server.token(owner.apikey())).status()).isEqualTo(200);
        assertThat(server.get(path, server.token(auditor.apikey())).status()).isEqualTo(200);
        for (Person refused : List.of(member, identityAdmin, stranger)) {
            Answer answer = server.get(path, server.token(refused.apikey()));
            assertThat(answer.status()).as(answer.raw()).isEqualTo(403);
            assertThat(answer.errorMessage()).contains("iam-audit.event.list");
        }
        assertThat(server.get(path, null).status()).isEqualTo(401);
    }

    @Test
    void refusedExchangesOfKnownKeysAndSignInsAreRecordedInBatches() throws Exception {
        server = TestServer.h2();
        Fixtures fixtures = new Fixtures(server);
        Person owner = fixtures.accountWithOwner();
        String disabled = fixtures.key(owner.accountId(), owner.iamId(), null, true);
        for (int i = 0; i < 3; i++) {
            assertThat(server.tokenFor(disabled).status()).isEqualTo(400);
        }
        assertThat(server.tokenFor("lk_not_a_key_at_all_0000000000000000000000000").status()).isEqualTo(400);
        String ownerToken = server.token(owner.apikey());
        JsonNode refused = null;
        for (int i = 0; i < 50 && refused == null; i++) {
            for (JsonNode e : server.get(events(owner.accountId()) + "?action=iam-identity.apikey.login", ownerToken)
                    .body().path("events")) {
                refused = e;
            }
            Thread.sleep(100);
        }
        assertThat(refused).as("written within a few flushes").isNotNull();
        assertThat(refused.get("outcome").asText()).isEqualTo("failure");
        assertThat(refused.get("details").get("reason").asText()).isEqualTo("key_disabled");
        assertThat(refused.get("details").get("count").asText()).isEqualTo("3");
        assertThat(refused.get("actor").get("iam_id").asText()).isEqualTo(owner.iamId());
        assertThat(refused.get("actor").get("address").asText()).as("the token route's origin").isEqualTo("127.0.0.1");
        assertThat(refused.get("trace_id").asText()).isNotBlank();
        assertThat(server.get(events(owner.accountId()), ownerToken).raw()).doesNotContain(disabled);
    }

    @Test
    void auditVerifyFindsARowEditedInTheEmbeddedDatabase() {
        server = TestServer.h2();
        tamperAndVerify("--data-dir", server.dataDir.toString());
    }

    @Test
    void auditVerifyFindsARowEditedInPostgres() {
        dev.latchkey.app.ServerConfig config = TestServer.config(true);
        server = TestServer.start(config);
        tamperAndVerify("--db-url", config.dbUrl(), "--db-user", config.dbUser());
    }

    private void tamperAndVerify(String... database) {
        Fixtures fixtures = new Fixtures(server);
        Person owner = fixtures.accountWithOwner();
        String token = server.token(owner.apikey());
        for (String name : List.of("one", "two", "three")) {
            assertThat(server.post("/v1/apikeys", token, "{\"name\":\"" + name + "\",\"iam_id\":\"" + owner.iamId()
                    + "\"}").status()).isEqualTo(201);
        }
        List<String> intact = new ArrayList<>(List.of("audit-verify", "--account", owner.accountId()));
        intact.addAll(List.of(database));
        Run before = cli.run(intact.toArray(String[]::new));
        assertThat(before.exit()).as(before.out() + before.err()).isZero();
        assertThat(before.out()).contains(owner.accountId() + ": intact, 3 event(s)");
        List<String> unknown = new ArrayList<>(List.of("audit-verify", "--account", "f".repeat(32)));
        unknown.addAll(List.of(database));
        Run none = cli.run(unknown.toArray(String[]::new));
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err()).contains("Account " + "f".repeat(32) + " has no audit events.");

        server.wiring.database().jdbi().useHandle(h -> h.createUpdate("""
                        UPDATE audit_event_details SET field_value = 'someone-else' WHERE account_id = :account
                           AND seq = 2 AND field = 'name'""").bind("account", owner.accountId()).execute());
        Run altered = cli.run(intact.toArray(String[]::new));
        assertThat(altered.exit()).isEqualTo(1);
        assertThat(altered.out()).contains(owner.accountId() + ": BROKEN at event 2 (altered)");
        assertThat(altered.err()).contains("1 of 1 audit chain(s) are broken");

        server.wiring.database().jdbi().useHandle(h -> h.createUpdate(
                "DELETE FROM audit_events WHERE account_id = :account AND seq = 1").bind("account", owner.accountId())
                .execute());
        Run removed = cli.run(intact.toArray(String[]::new));
        assertThat(removed.out()).contains(owner.accountId() + ": BROKEN at event 1 (removed)");
    }
}
