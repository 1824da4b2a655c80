package dev.latchkey.app.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.app.ServerConfig;
import dev.latchkey.app.support.TestServer;
import dev.latchkey.core.common.MutableClock;
import dev.latchkey.store.CacheTiming;
import dev.latchkey.store.Postgres;
import java.io.IOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one PostgreSQL database, one clock the test moves, caches far longer than the test: a key rotated on
 * one node is published by the other within seconds (the change feed) and signs there from its activation; an
 * immediate replacement refuses the old tokens on both; both nodes' schedules together make one key per period.
 */
class SigningKeysOnTwoNodesTest {
    static final Duration PERIOD = Duration.ofDays(90);
    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    TestServer first;
    TestServer second;

    @BeforeEach
    void startTwoNodes() throws IOException {
        byte[] master = new byte[32];
        new SecureRandom().nextBytes(master);
        String url = Postgres.freshSchemaUrl();
        first = TestServer.start(node(url, master), clock);
        second = TestServer.start(node(url, master), clock);
    }

    @AfterEach
    void stopNodes() {
        try (TestServer a = first; TestServer b = second) {
            // closes both, the second first; a node that did not start is null and skipped
        }
    }

    /** Same master key, same public URL (so each node accepts the other's tokens), same clock. */
    private static ServerConfig node(String url, byte[] master) throws IOException {
        return ServerConfig.defaults(Files.createTempDirectory("latchkey-node")).withPort(0)
                .withDatabase(url, Postgres.USER, null)
                .withSharedIdentity(Base64.getEncoder().encodeToString(master), "http://latchkey.test")
                .withCaches(new CacheTiming(Duration.ofMinutes(10), Duration.ofMinutes(10), 1_000))
                .withSigningKeyRotation(PERIOD);
    }

    static String kid(String token) throws Exception {
        return SignedJWT.parse(token).getHeader().getKeyID();
    }

    static boolean publishes(TestServer node, String kid) {
        for (JsonNode key : node.get("/identity/keys", null).body().get("keys")) {
            if (key.get("kid").asText().equals(kid)) {
                return true;
            }
        }
        return false;
    }

    static boolean within(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10);
        }
        return condition.getAsBoolean();
    }

    @Test
    void aKeyRotatedOnOneNodeIsPublishedByTheOtherAtOnceAndSignsThereFromItsActivation() throws Exception {
        String admin = first.token(first.adminKey);
        String old = kid(admin);
        JsonNode made = first.post("/v1/signing_keys/rotate", admin, null).body().get("key");
        String next = made.get("kid").asText();
        assertThat(within(Duration.ofSeconds(5), () -> publishes(second, next))).as("published by the other node")
                .isTrue();
        assertThat(kid(second.token(first.adminKey))).as("not signing yet").isEqualTo(old);

        clock.set(Instant.parse(made.get("activates_at").asText()));
        String fromSecond = second.token(first.adminKey);
        assertThat(kid(fromSecond)).isEqualTo(next);
        assertThat(first.get("/v1/signing_keys", fromSecond).status()).as("verified by the first node").isEqualTo(200);
        assertThat(second.get("/v1/signing_keys", admin).status()).as("the old key's token, on the other node")
                .isEqualTo(200);
    }

    @Test
    void anImmediateReplacementOnOneNodeRefusesTheOldTokensOnTheOtherWithinSeconds() throws Exception {
        String admin = first.token(first.adminKey);
        assertThat(second.get("/v1/signing_keys", admin).status()).as("verified and remembered there").isEqualTo(200);
        String replacement = first.post("/v1/signing_keys/rotate", admin, "{\"immediate\":true}").body().get("key")
                .get("kid").asText();
        assertThat(within(Duration.ofSeconds(5), () -> second.get("/v1/signing_keys", admin).status() == 401))
                .as("refused on the other node").isTrue();
        assertThat(kid(second.token(first.adminKey))).isEqualTo(replacement);
    }

    @Test
    void bothNodesSchedulesTogetherMakeOneKeyPerPeriod() throws Exception {
        for (int period = 1; period <= 3; period++) {
            clock.advance(PERIOD.plus(Duration.ofMinutes(7)));
            TestServer.atOnce(2, i -> {
                (i == 0 ? first : second).wiring.maintainSigningKeys();
                return null;
            });
            JsonNode keys = first.get("/v1/signing_keys", first.token(first.adminKey)).body().get("signing_keys");
            assertThat(keys).as("after period %d: %s", period, keys).hasSize(1 + period);
            assertThat(keys.get(period).get("state").asText()).isEqualTo("pending");
        }
    }
}
