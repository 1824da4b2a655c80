package dev.latchkey.app.classic;

import static dev.latchkey.app.support.IbmErrors.assertBadRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.app.support.Fixtures;
import dev.latchkey.app.support.Fixtures.Person;
import dev.latchkey.app.support.TestServer;
import dev.latchkey.app.support.TestServer.Answer;
import dev.latchkey.core.access.Role;
import dev.latchkey.core.classic.ClassicKey;
import dev.latchkey.core.classic.ClassicKeyStore;
import dev.latchkey.store.classic.JdbcClassicKeyStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Classic infrastructure keys on a real server: one per user, managed by the user and the user's ancestors in
 * the invitation hierarchy (chains of one, two and three), by nobody else, and HTTP Basic authentication.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClassicKeyApiTest {
    TestServer server;
    Fixtures fixtures;
    String accountId;
    String ownerIamId;

    @BeforeAll
    void start() {
        server = TestServer.h2();
        fixtures = new Fixtures(server);
        JsonNode mine = server.get("/v1/apikeys", server.token(server.adminKey)).body().get("apikeys").get(0);
        accountId = mine.get("account_id").asText();
        ownerIamId = mine.get("iam_id").asText();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    String token(Person person) {
        return server.token(person.apikey());
    }

    static String basic(String user, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    Answer authenticate(String user, String secret) {
        return server.classicAuthenticate(user, secret);
    }

    /** {@code GET /v1/classic/authenticate} with HTTP Basic {@code user:secret}. */

    @Test
    void aKeyIsNeverWrittenForSomeoneWhoIsNoLongerAMember() {
        Person user = fixtures.invitedBy(accountId, ownerIamId);
        var store = new JdbcClassicKeyStore(server.wiring.database().jdbi());
        var key = new ClassicKey("ClassicKey-removed", accountId, user.iamId(),
                "f".repeat(64), new byte[] {1}, "lkc_xxxx", user.iamId(), Instant.now());
        assertThat(server.delete("/v2/accounts/" + accountId + "/users/" + user.iamId(), server.token(server.adminKey))
                .status()).isEqualTo(204);
        // the request's token was checked before the removal; the insert behind it must still refuse
        assertThat(store.insertIfNone(key)).isEqualTo(ClassicKeyStore.Insert.NOT_A_MEMBER);
        assertThat(store.find("ClassicKey-removed")).isEmpty();
    }

    @Test
    void aUserHasOneClassicKeyAtATimeAndSeesItsValueAgain() {
        Person user = fixtures.invitedBy(accountId, ownerIamId);
        Answer created = server.post("/v1/classic_keys", token(user), null);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String value = created.body().get("apikey").asText();
        assertThat(value).matches("lkc_[0-9A-Za-z]{49}");
        assertBadRequest(server.post("/v1/classic_keys", token(user), null), 409, "one at a time");
        String id = created.body().get("id").asText();
        assertThat(server.get("/v1/classic_keys/" + id, token(user)).body().get("apikey").asText()).isEqualTo(value);
        assertThat(server.delete("/v1/classic_keys/" + id, token(user)).status()).isEqualTo(204);
        assertThat(server.post("/v1/classic_keys", token(user), null).status()).as("a new one after deleting").isEqualTo(201);
    }

    @Test
    void ancestorsUpToThreeLevelsViewAndDeleteButSiblingsDescendantsAndAdministratorsMayNot() {
        Person root = fixtures.invitedBy(accountId, ownerIamId);
        Person parent = fixtures.invitedBy(accountId, root.iamId());
        Person grandparent = root;
        Person child = fixtures.invitedBy(accountId, parent.iamId());
        Person sibling = fixtures.invitedBy(accountId, parent.iamId());
        Person grandchild = fixtures.invitedBy(accountId, child.iamId());
        Person admin = fixtures.member(accountId, Role.ADMINISTRATOR);
        // chain above `leaf`: parent (1), root (2), owner (3)
        Person leaf = child;
        JsonNode key = server.post("/v1/classic_keys", token(leaf), null).body();
        String path = "/v1/classic_keys/" + key.get("id").asText();

        for (Person stranger : new Person[] {sibling, grandchild, admin}) {
            assertBadRequest(server.get(path, token(stranger)), 403, "invitation hierarchy");
            assertBadRequest(server.delete(path, token(stranger)), 403, "invitation hierarchy");
            assertThat(server.get("/v1/classic_keys", token(stranger)).body().get("classic_keys").findValuesAsText("id"))
                    .doesNotContain(key.get("id").asText());
        }
        String ownerToken = server.token(server.adminKey);
        for (String ancestor : new String[] {token(parent), token(grandparent), ownerToken}) {
            JsonNode seen = server.get(path, ancestor).body();
            assertThat(seen.get("iam_id").asText()).isEqualTo(leaf.iamId());
            assertThat(seen.has("apikey")).as("only the owner sees the value again").isFalse();
            assertThat(server.get("/v1/classic_keys", ancestor).body().get("classic_keys").findValuesAsText("id"))
                    .contains(key.get("id").asText());
        }
        assertThat(server.delete(path, ownerToken).status()).as("chain of three").isEqualTo(204);

        String second = server.post("/v1/classic_keys", token(leaf), null).body().get("id").asText();
        assertThat(server.delete("/v1/classic_keys/" + second, token(grandparent)).status()).as("chain of two").isEqualTo(204);
        String third = server.post("/v1/classic_keys", token(leaf), null).body().get("id").asText();
        assertThat(server.delete("/v1/classic_keys/" + third, token(parent)).status()).as("chain of one").isEqualTo(204);
        assertThat(server.get("/v1/classic_keys/" + third, token(leaf)).status()).isEqualTo(404);
    }

    @Test
    void basicAuthenticationTakesTheClassicKeyOrAPlatformKeyForUserApikey() {
        Person user = fixtures.invitedBy(accountId, ownerIamId);
        String email = fixtures.email(user.iamId());
        JsonNode key = server.post("/v1/classic_keys", token(user), null).body();
        String value = key.get("apikey").asText();

        Answer right = authenticate(email, value);
        assertThat(right.status()).as(right.raw()).isEqualTo(200);
        assertThat(right.body().get("iam_id").asText()).isEqualTo(user.iamId());
        assertThat(right.body().get("credential").asText()).isEqualTo("classic_api_key");

        // another last character (a fixed "x" was the same key whenever the key ended in x: 1 run in 62)
        char last = value.charAt(value.length() - 1);
        Answer wrong = authenticate(email, value.substring(0, value.length() - 1) + (last == 'x' ? 'y' : 'x'));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.header("WWW-Authenticate")).contains("Basic");
        assertThat(authenticate("someone-else@example.com", value).status()).as("key of another user").isEqualTo(401);
        assertThat(server.call("GET", "/v1/classic/authenticate", null, null, Map.of()).status()).isEqualTo(401);

        Answer platform = authenticate("apikey", user.apikey());
        assertThat(platform.status()).as(platform.raw()).isEqualTo(200);
        assertThat(platform.body().get("iam_id").asText()).isEqualTo(user.iamId());
        assertThat(platform.body().get("credential").asText()).isEqualTo("platform_api_key");
        assertThat(authenticate("apikey", "lk_" + "B".repeat(49)).status()).isEqualTo(401);

        assertThat(server.delete("/v1/classic_keys/" + key.get("id").asText(), token(user)).status()).isEqualTo(204);
        assertThat(authenticate(email, value).status()).as("deleted key").isEqualTo(401);
    }
}
