package dev.latchkey.app;

import static dev.latchkey.app.support.IbmErrors.assertTokenError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.app.support.Fixtures;
import dev.latchkey.app.support.TestServer;
import dev.latchkey.store.CacheTiming;
import dev.latchkey.store.Postgres;
import java.io.IOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one PostgreSQL database, with a cache TTL far longer than the test: a key disabled, deleted or
 * rotated, or an account's or a user's allow-list tightened, on one node must hold on the other within seconds, through the
 * change feed alone; an access group membership, which no node caches, at the very next request.
 */
class MultiNodeTest {
    private TestServer first;
    private TestServer second;
    private String admin;

    /** Two nodes on one fresh PostgreSQL schema, sharing the master key; the first one's admin token. */
    @BeforeEach
    void startTwoNodes() throws IOException {
        byte[] master = new byte[32];
        new SecureRandom().nextBytes(master);
        String url = Postgres.freshSchemaUrl();
        first = TestServer.start(node(url, master));
        second = TestServer.startExisting(node(url, master));
        admin = first.token(first.adminKey);
    }

    @AfterEach
    void stopNodes() {
        try (TestServer a = first; TestServer b = second) {
            // closes both, the second first; a node that did not start is null and skipped
        }
    }

    @Test
    void aKeyDisabledOnOneNodeIsRefusedOnTheOtherWithoutWaitingForTheCache() {
        String iamId = first.get("/v1/apikeys", admin).body().get("apikeys").get(0).get("iam_id").asText();
        JsonNode key = first.post("/v1/apikeys", admin, "{\"name\":\"shared\",\"iam_id\":\"" + iamId + "\"}").body();
        String value = key.get("apikey").asText();
        assertThat(second.tokenFor(value).status()).as("the second node sees and caches the key").isEqualTo(200);

        assertThat(first.post("/v1/apikeys/" + key.get("id").asText() + "/disable", admin, null).status()).isEqualTo(204);
        assertThat(refusedWithin(second, value, Duration.ofSeconds(5))).as("refused on the other node").isTrue();

        assertThat(first.delete("/v1/apikeys/" + key.get("id").asText() + "/disable", admin).status()).isEqualTo(204);
        assertThat(answersWithin(second, value, 200, Duration.ofSeconds(5))).as("enabled again on the other node").isTrue();
        assertThat(first.delete("/v1/apikeys/" + key.get("id").asText(), admin).status()).isEqualTo(204);
        assertThat(refusedWithin(second, value, Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void aKeyReportedLeakedOnOneNodeIsRefusedOnTheOtherWithoutWaitingForTheCache() {
        String iamId = first.get("/v1/apikeys", admin).body().get("apikeys").get(0).get("iam_id").asText();
        JsonNode key = first.post("/v1/apikeys", admin, "{\"name\":\"leaked\",\"iam_id\":\"" + iamId
                + "\",\"action_when_leaked\":\"disable\"}").body();
        String value = key.get("apikey").asText();
        assertThat(second.tokenFor(value).status()).as("the second node sees and caches the key").isEqualTo(200);

        assertThat(first.post("/v1/leaks", admin, "[{\"token\":\"" + value + "\",\"type\":\"latchkey_api_key\","
                + "\"url\":\"https://example.com/leak\",\"source\":\"test\"}]").status()).isEqualTo(200);
        assertThat(refusedWithin(second, value, Duration.ofSeconds(5))).as("refused on the other node").isTrue();
        assertThat(first.get("/v1/apikeys/" + key.get("id").asText(), admin).body().get("disabled").asBoolean())
                .as("disabled by the leak response").isTrue();
    }

    @Test
    void aRotationOnOneNodeHoldsOnTheOtherWithoutWaitingForTheCache() {
        String iamId = first.get("/v1/apikeys", admin).body().get("apikeys").get(0).get("iam_id").asText();
        JsonNode key = first.post("/v1/apikeys", admin, "{\"name\":\"rotated\",\"iam_id\":\"" + iamId + "\"}").body();
        String id = key.get("id").asText();
        String original = key.get("apikey").asText();
        assertThat(second.tokenFor(original).status()).as("the second node sees and caches the key").isEqualTo(200);

        String inGrace = first.post("/v1/apikeys/" + id + "/rotate", admin, "{\"grace_seconds\":3600}").body()
                .get("apikey").asText();
        assertThat(answersWithin(second, inGrace, 200, Duration.ofSeconds(5))).as("the new value on the other node")
                .isTrue();
        assertThat(second.tokenFor(original).status()).as("the old value, in its grace, on the other node")
                .isEqualTo(200);

        String latest = first.post("/v1/apikeys/" + id + "/rotate", admin, "{\"grace_seconds\":0}").body()
                .get("apikey").asText();
        assertThat(refusedWithin(second, original, Duration.ofSeconds(5))).as("the earlier grace ended there too")
                .isTrue();
        assertThat(refusedWithin(second, inGrace, Duration.ofSeconds(5))).as("no grace: refused there too").isTrue();
        assertThat(second.tokenFor(latest).status()).isEqualTo(200);
    }

    @Test
    void aCredentialDeletedOnOneNodeHasItsKeyRefusedOnTheOtherWithoutWaitingForTheCache() {
        String instance = first.post("/v2/resource_instances", admin, "{\"name\":\"shared\",\"resource_id\":"
                + "\"books\"}").body().get("guid").asText();
        JsonNode key = first.post("/v2/resource_keys", admin, "{\"name\":\"app\",\"source\":\"" + instance
                + "\"}").body();
        String value = key.get("credentials").get("apikey").asText();
        assertThat(second.tokenFor(value).status()).as("the second node sees and caches the key").isEqualTo(200);
        JsonNode read = second.get("/v2/resource_keys/" + key.get("guid").asText(), second.token(first.adminKey))
                .body();
        assertThat(read.get("credentials").get("apikey").asText()).as("the value opens on the other node too")
                .isEqualTo(value);

        assertThat(first.delete("/v2/resource_keys/" + key.get("guid").asText(), admin).status()).isEqualTo(204);
        assertThat(refusedWithin(second, value, Duration.ofSeconds(5))).as("refused on the other node").isTrue();
    }

    @Test
    void anAllowListSavedOnOneNodeHoldsOnTheOtherWithoutWaitingForTheCache() {
        assertThat(second.tokenFor(first.adminKey).status()).as("the second node caches the account's settings")
                .isEqualTo(200);
        String account = first.get("/v1/apikeys", admin).body().get("apikeys").get(0).get("account_id").asText();
        String path = "/v1/accounts/" + account + "/settings/identity";
        TestServer.Answer saved = first.call("PUT", path, admin, "{\"allowed_ip_addresses\":\"192.0.2.1\"}",
                Map.of("If-Match", first.get(path, admin).header("Etag")));
        assertThat(saved.status()).as(saved.raw()).isEqualTo(200);

        assertThat(refusedWithin(second, first.adminKey, Duration.ofSeconds(5))).as("refused on the other node")
                .isTrue();
        assertTokenError(second.tokenFor(first.adminKey), "LKIAM0466E", "not allowed");
    }

    @Test
    void externalInteractionsLimitedOnOneNodeHoldOnTheOtherWithoutWaitingForTheCache() {
        String account = first.get("/v1/apikeys", admin).body().get("apikeys").get(0).get("account_id").asText();
        Fixtures fixtures = new Fixtures(first);
        Fixtures.Person elsewhere = fixtures.accountWithOwner();
        Fixtures.Person user = fixtures.member(account);
        fixtures.join(elsewhere.accountId(), user.iamId());
        String keyOfElsewhere = fixtures.key(elsewhere.accountId(), user.iamId(), null, false);
        Map<String, String> form = Map.of("grant_type", "urn:ibm:params:oauth:grant-type:apikey", "apikey",
                keyOfElsewhere, "account", account);
        assertThat(second.tokenRequest(form, Map.of()).status()).as("the second node caches the account's settings")
                .isEqualTo(200);
        String path = "/v1/accounts/" + account + "/settings/access_management";
        TestServer.Answer saved = first.call("PATCH", path, admin, "{\"external_account_identity_interaction\":"
                + "{\"identity_types\":{\"user\":{\"state\":\"limited\",\"external_allowed_accounts\":[]}}}}",
                Map.of("If-Match", first.get(path, admin).header("Etag")));
        assertThat(saved.status()).as(saved.raw()).isEqualTo(200);

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        TestServer.Answer answer = second.tokenRequest(form, Map.of());
        while (answer.status() == 200 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            answer = second.tokenRequest(form, Map.of());
        }
        assertTokenError(answer, "LKIAM0467E", "limits external identity interactions");
    }

    @Test
    void aMemberRemovedOnOneNodeHasTheirTokenRefusedOnTheOtherWithoutWaitingForTheCache() throws Exception {
        JsonNode mine = first.get("/v1/apikeys", admin).body().get("apikeys").get(0);
        String accountId = mine.get("account_id").asText();
        Fixtures.Person member = new Fixtures(first).invitedBy(accountId, mine.get("iam_id").asText());
        String token = second.token(member.apikey()); // each node is its own issuer here
        TestServer.Answer before = second.get("/v1/apikeys", token);
        assertThat(before.status()).as("the second node caches token and membership: %s", before.raw())
                .isEqualTo(200);

        assertThat(first.delete("/v2/accounts/" + accountId + "/users/" + member.iamId(), admin).status()).isEqualTo(204);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        int status = 200;
        while (status != 401 && System.nanoTime() < deadline) {
            status = second.get("/v1/apikeys", token).status();
            Thread.sleep(10);
        }
        assertThat(status).as("the removed member's token on the other node").isEqualTo(401);
    }

    @Test
    void aUsersAllowListSavedOnOneNodeHoldsOnTheOtherWithoutWaitingForTheCache() {
        String account = first.get("/v1/apikeys", admin).body().get("apikeys").get(0).get("account_id").asText();
        Fixtures.Person member = new Fixtures(first).member(account);
        assertThat(second.tokenFor(member.apikey()).status()).as("the second node caches the membership")
                .isEqualTo(200);
        String path = "/v2/accounts/" + account + "/users/" + member.iamId() + "/settings";
        TestServer.Answer saved = first.call("PATCH", path, admin, "{\"allowed_ip_addresses\":\"192.0.2.1\"}",
                Map.of());
        assertThat(saved.status()).as(saved.raw()).isEqualTo(204);

        assertThat(refusedWithin(second, member.apikey(), Duration.ofSeconds(5))).as("refused on the other node")
                .isTrue();
        assertTokenError(second.tokenFor(member.apikey()), "LKIAM0466E", "this user");
        assertThat(first.call("PATCH", path, admin, "{\"allowed_ip_addresses\":\"127.0.0.1\"}", Map.of()).status())
                .isEqualTo(204);
        assertThat(answersWithin(second, member.apikey(), 200, Duration.ofSeconds(5))).as("allowed again there")
                .isTrue();
    }

    @Test
    void aMembershipChangedOnOneNodeDecidesOnTheOtherAtTheNextRequest() {
        String account = first.get("/v1/apikeys", admin).body().get("apikeys").get(0).get("account_id").asText();
        Fixtures.Person member = new Fixtures(first).member(account);
        String token = second.token(member.apikey());
        String keys = "/v1/apikeys?scope=account&account_id=" + account;
        assertThat(second.get(keys, token).status()).as("the second node verified and cached the token")
                .isEqualTo(403);
        String group = first.post("/v2/groups?account_id=" + account, admin, "{\"name\":\"key admins\"}").body()
                .get("id").asText();
        assertThat(first.post("/v1/policies", admin, "{\"type\":\"access\",\"subjects\":[{\"attributes\":[{\"name\":"
                + "\"access_group_id\",\"value\":\"" + group + "\"}]}],\"roles\":[{\"role_id\":"
                + "\"crn:v1:bluemix:public:iam::::role:Administrator\"}],\"resources\":[{\"attributes\":[{\"name\":"
                + "\"accountId\",\"value\":\"" + account + "\"},{\"name\":\"serviceName\",\"value\":\"iam-identity\"}]}]}")
                .status()).isEqualTo(201);

        assertThat(first.call("PUT", "/v2/groups/" + group + "/members", admin, "{\"members\":[{\"iam_id\":\""
                + member.iamId() + "\",\"type\":\"user\"}]}", Map.of()).status()).isEqualTo(207);
        assertThat(second.get(keys, token).status()).as("the very next request on the other node").isEqualTo(200);
        assertThat(first.delete("/v2/groups/" + group + "/members/" + member.iamId(), admin).status()).isEqualTo(204);
        assertThat(second.get(keys, token).status()).as("removed: the very next request").isEqualTo(403);
    }

    static boolean refusedWithin(TestServer server, String value, Duration limit) {
        return answersWithin(server, value, 400, limit);
    }

    /** Polls the token endpoint until it answers {@code status}; changes reach other nodes asynchronously. */
    static boolean answersWithin(TestServer server, String value, int status, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (server.tokenFor(value).status() == status) {
                return true;
            }
            Thread.onSpinWait();
        }
        return false;
    }

    private static ServerConfig node(String url, byte[] master) throws IOException {
        ServerConfig base = ServerConfig.defaults(Files.createTempDirectory("latchkey-node")).withPort(0)
                .withDatabase(url, Postgres.USER, null);
        return base.withSharedIdentity(Base64.getEncoder().encodeToString(master), null)
                .withCaches(new CacheTiming(Duration.ofMinutes(10), Duration.ofMinutes(10), 1_000));
    }
}
