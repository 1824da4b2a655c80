package dev.latchkey.app.token;

import static dev.latchkey.app.support.IbmErrors.assertBadRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.app.support.Fixtures;
import dev.latchkey.app.support.TestServer;
import dev.latchkey.app.support.TestServer.Answer;
import dev.latchkey.core.access.Role;
import dev.latchkey.core.common.MutableClock;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Rotating the token-signing key on a real server whose clock the test moves: a new key is published before it
 * signs, the old one verifies what it signed until it is retired, an immediate replacement refuses every earlier
 * token, the schedule rotates by itself, and only platform administrators may look or rotate.
 */
class SigningKeyRotationTest {
    static final Duration LEAD = Duration.ofMinutes(7);
    static final Duration GRACE = Duration.ofSeconds(3660);
    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    TestServer server;

    TestServer start(Duration rotation) {
        server = TestServer.start(TestServer.config(false).withSigningKeyRotation(rotation), clock);
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    static String kid(String token) throws ParseException {
        return SignedJWT.parse(token).getHeader().getKeyID();
    }

    List<String> publishedKids() {
        List<String> kids = new ArrayList<>();
        server.get("/identity/keys", null).body().get("keys").forEach(k -> kids.add(k.get("kid").asText()));
        return kids;
    }

    @Test
    void aRotatedKeyIsPublishedFirstThenSignsAndTheOldOneVerifiesItsTokensUntilItIsRetired() throws Exception {
        start(Duration.ZERO);
        String admin = server.token(server.adminKey);
        String first = kid(admin);
        Answer keys = server.get("/identity/keys", null);
        assertThat(keys.header("Cache-Control")).isEqualTo("public, max-age=300");
        assertThat(publishedKids()).containsExactly(first);

        Answer rotated = server.post("/v1/signing_keys/rotate", admin, null);
        assertThat(rotated.status()).as(rotated.raw()).isEqualTo(201);
        JsonNode key = rotated.body().get("key");
        String second = key.get("kid").asText();
        Instant activates = Instant.parse(key.get("activates_at").asText());
        assertThat(key.get("state").asText()).isEqualTo("pending");
        assertThat(key.get("algorithm").asText()).isEqualTo("RS256");
        assertThat(activates).isEqualTo(Instant.parse(key.get("created_at").asText()).plus(LEAD));
        assertThat(rotated.raw()).as("no key material").doesNotContain("\"d\"", "private", "sealed", "\"n\"");
        JsonNode before = rotated.body().get("signing_keys");
        assertThat(before).hasSize(2);
        assertThat(before.get(0).get("kid").asText()).isEqualTo(first);
        assertThat(before.get(0).get("state").asText()).isEqualTo("active");
        assertThat(Instant.parse(before.get(0).get("retires_at").asText())).isEqualTo(activates.plus(GRACE));
        assertThat(before.get(1).has("retires_at")).as("not known while nothing follows it").isFalse();
        assertThat(publishedKids()).as("published before it signs").containsExactlyInAnyOrder(first, second);

        String longLived = signedBy(first, admin, activates.plus(GRACE).plus(Duration.ofHours(1)));
        clock.set(activates.minusMillis(1));
        String lastOfTheOldKey = server.token(server.adminKey);
        assertThat(kid(lastOfTheOldKey)).isEqualTo(first);
        clock.set(activates);
        assertThat(kid(server.token(server.adminKey))).isEqualTo(second);

        clock.set(activates.plus(Duration.ofMinutes(59)));
        assertThat(server.get("/v1/signing_keys", lastOfTheOldKey).status()).as("the old key's last token")
                .isEqualTo(200);
        clock.set(activates.plus(GRACE).minusMillis(1));
        assertThat(server.get("/v1/signing_keys", longLived).status()).isEqualTo(200);
        assertThat(publishedKids()).contains(first);
        clock.set(activates.plus(GRACE));
        Answer refused = server.get("/v1/signing_keys", longLived);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.errorMessage()).contains("retired");
        assertThat(publishedKids()).containsExactly(second);

        server.wiring.maintainSigningKeys();
        JsonNode after = server.get("/v1/signing_keys", server.token(server.adminKey)).body().get("signing_keys");
        assertThat(after.get(0).get("state").asText()).isEqualTo("retired");
        assertThat(Instant.parse(after.get(0).get("retires_at").asText())).isEqualTo(activates.plus(GRACE));
        assertThat(after.get(1).get("state").asText()).isEqualTo("active");
        int erased = server.wiring.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM signing_keys WHERE sealed_private_key IS NULL AND kid = :kid")
                .bind("kid", first).mapTo(Integer.class).one());
        assertThat(erased).as("its private key erased").isEqualTo(1);
    }

    @Test
    void anImmediateReplacementSignsAtOnceAndRefusesEveryEarlierTokenAtOnce() throws Exception {
        start(Duration.ZERO);
        String admin = server.token(server.adminKey);
        String first = kid(admin);
        assertThat(server.get("/v1/signing_keys", admin).status()).as("verified once, then remembered").isEqualTo(200);

        Answer replaced = server.post("/v1/signing_keys/rotate", admin, "{\"immediate\":true}");
        assertThat(replaced.status()).as(replaced.raw()).isEqualTo(201);
        String second = replaced.body().get("key").get("kid").asText();
        assertThat(replaced.body().get("key").get("state").asText()).isEqualTo("active");
        assertThat(replaced.body().get("signing_keys").get(0).get("state").asText()).isEqualTo("retired");

        Answer refused = server.get("/v1/signing_keys", admin);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.errorMessage()).contains("retired");
        assertThat(publishedKids()).containsExactly(second);
        String fresh = server.token(server.adminKey);
        assertThat(kid(fresh)).isEqualTo(second).isNotEqualTo(first);
        assertThat(server.get("/v1/signing_keys", fresh).status()).isEqualTo(200);
    }

    @Test
    void onlyAPlatformAdministratorListsOrRotatesAndBadRequestsChangeNothing() {
        start(Duration.ZERO);
        String admin = server.token(server.adminKey);
        String account = server.get("/v1/apikeys", admin).body().get("apikeys").get(0).get("account_id").asText();
        String ownerIamId = server.get("/v1/apikeys", admin).body().get("apikeys").get(0).get("iam_id").asText();
        Fixtures fixtures = new Fixtures(server);
        String identityAdmin = server.token(fixtures.member(account, Role.ADMINISTRATOR).apikey());
        String serviceId = server.token(fixtures.serviceIdWithKey(account, ownerIamId).apikey());
        for (String token : List.of(identityAdmin, serviceId)) {
            assertBadRequest(server.get("/v1/signing_keys", token), 403, "Only a platform administrator");
            assertBadRequest(server.post("/v1/signing_keys/rotate", token, "{\"immediate\":true}"), 403,
                    "Only a platform administrator can rotate");
        }
        assertBadRequest(server.post("/v1/signing_keys/rotate", admin, "{\"immediate\":\"yes\"}"), 400,
                "'immediate' must be true or false");
        assertBadRequest(server.post("/v1/signing_keys/rotate", admin, "{\"now\":true}"), 400, "'now' is not known");
        assertBadRequest(server.post("/v1/signing_keys/rotate", admin, "[]"), 400, "JSON object");
        assertBadRequest(server.post("/v1/signing_keys/rotate", admin, "x"), 400, "not valid JSON");
        assertThat(server.get("/v1/signing_keys", admin).body().get("signing_keys")).as("nothing made").hasSize(1);

        String pending = server.post("/v1/signing_keys/rotate", admin, "{\"immediate\":false}").body().get("key")
                .get("kid").asText();
        assertBadRequest(server.post("/v1/signing_keys/rotate", admin, null), 409, pending + " is published already");
        assertThat(server.get("/v1/signing_keys", admin).body().get("signing_keys")).hasSize(2);
    }

    @Test
    void theScheduleRotatesOnceTheActiveKeyHasSignedForThePeriodAndRetiresTheOldKeyLater() throws Exception {
        start(Duration.ofDays(90));
        String first = kid(server.token(server.adminKey));
        clock.advance(Duration.ofDays(90).minusSeconds(1));
        server.wiring.maintainSigningKeys();
        assertThat(publishedKids()).containsExactly(first);

        clock.advance(Duration.ofSeconds(1));
        server.wiring.maintainSigningKeys();
        server.wiring.maintainSigningKeys();
        JsonNode keys = server.get("/v1/signing_keys", server.token(server.adminKey)).body().get("signing_keys");
        assertThat(keys).hasSize(2);
        assertThat(keys.get(1).get("state").asText()).isEqualTo("pending");
        Instant activates = Instant.parse(keys.get(1).get("activates_at").asText());
        assertThat(activates).isEqualTo(clock.instant().plus(LEAD));

        clock.set(activates.plus(GRACE));
        server.wiring.maintainSigningKeys();
        assertThat(kid(server.token(server.adminKey))).isEqualTo(keys.get(1).get("kid").asText());
        assertThat(server.get("/v1/signing_keys", server.token(server.adminKey)).body().get("signing_keys").get(0)
                .get("state").asText()).isEqualTo("retired");
        assertThat(publishedKids()).containsExactly(keys.get(1).get("kid").asText());
    }

    /** A token with the claims of {@code genuine} but valid until {@code expires}, signed with the server's key. */
    private String signedBy(String kid, String genuine, Instant expires) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder(SignedJWT.parse(genuine).getJWTClaimsSet())
                .expirationTime(Date.from(expires)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
        jwt.sign(new RSASSASigner(server.wiring.signingKeys().find(kid).orElseThrow().keyPair().getPrivate()));
        return jwt.serialize();
    }
}
