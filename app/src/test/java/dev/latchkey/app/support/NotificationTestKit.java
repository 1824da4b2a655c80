package dev.latchkey.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.adapters.mail.SmtpConfig;
import dev.latchkey.app.notification.NotificationConfig;
import dev.latchkey.app.support.Fixtures.Person;
import dev.latchkey.app.support.TestServer.Answer;
import dev.latchkey.core.access.Role;
import dev.latchkey.core.notification.DeliveryPolicy;
import dev.latchkey.core.notification.WebhookTargets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * What the notification tests share: configurations (delivery driven by the test, a local SMTP server, fast
 * retries), an account with its owner, an IAM Identity Administrator and a plain member with a key made through the
 * API, and a bounded wait that polls instead of sleeping.
 */
public final class NotificationTestKit {
    public static final String OWNER_EMAIL = "admin@latchkey.local";
    /** Retries after 10, 20, 40 ms…: backoff that a test can watch happen. */
    public static final DeliveryPolicy FAST = new DeliveryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(80),
            Duration.ofMinutes(1), 50);

    final TestServer server;
    public final Fixtures fixtures;
    public final String accountId;
    public final String ownerToken;
    public final String ownerIamId;
    public final Person admin;
    public final String adminToken;
    public final Person member;
    public final String memberToken;

    /** A key made through the API: its id, value and the display prefix mail may show. */
    public record Key(String id, String name, String value) {
        public String displayPrefix() {
            return value.substring(0, 7);
        }
    }

    public NotificationTestKit(TestServer server) {
        this.server = server;
        this.fixtures = new Fixtures(server);
        this.ownerToken = server.token(server.adminKey);
        JsonNode mine = server.get("/v1/apikeys", ownerToken).body().get("apikeys").get(0);
        this.accountId = mine.get("account_id").asText();
        this.ownerIamId = mine.get("iam_id").asText();
        this.admin = fixtures.member(accountId, Role.ADMINISTRATOR);
        this.adminToken = server.token(admin.apikey());
        this.member = fixtures.member(accountId);
        this.memberToken = server.token(member.apikey());
    }

    /** Delivery only when the test calls {@code runOnce}; no expiry job in the background. */
    public static NotificationConfig driven() {
        // The webhook receivers of these tests listen on 127.0.0.1, an internal address the operator allows here.
        return NotificationConfig.defaults().withPollInterval(null).withExpiryCheckInterval(null).withDelivery(FAST)
                .withWebhookTargets(WebhookTargets.allowing("127.0.0.1"));
    }

    public static SmtpConfig smtp(int port) {
        return new SmtpConfig("127.0.0.1", port, "latchkey@test.local", null, null, false);
    }

    public Key memberKey(String name) {
        return keyOf(memberToken, member.iamId(), name, null);
    }

    public Key keyOf(String token, String iamId, String name, String expiresAt) {
        Answer created = server.post("/v1/apikeys", token, "{\"name\":\"" + name + "\",\"iam_id\":\"" + iamId + "\""
                + (expiresAt == null ? "" : ",\"expires_at\":\"" + expiresAt + "\"") + "}");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return new Key(created.body().get("id").asText(), name, created.body().get("apikey").asText());
    }

    public int deliver() {
        return server.wiring.notifications().dispatcher().runOnce();
    }

    /** Every outbox row of the account through the API, newest first; {@code state} null for all. */
    public List<JsonNode> notifications(String state) {
        List<JsonNode> all = new ArrayList<>();
        String path = "/v1/accounts/" + accountId + "/notifications?pagesize=100" + (state == null ? "" : "&state=" + state);
        Answer page = server.get(path, ownerToken);
        assertThat(page.status()).as(page.raw()).isEqualTo(200);
        page.body().get("notifications").forEach(all::add);
        while (page.body().hasNonNull("next")) {
            String next = page.body().get("next").asText();
            page = server.get(next.substring(next.indexOf("/v1/")), ownerToken);
            page.body().get("notifications").forEach(all::add);
        }
        return all;
    }

    /** Waits until {@code condition} holds, checking every few milliseconds, for at most {@code limit}. */
    public static void await(String what, Duration limit, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + limit.toMillis() + " ms waiting for " + what);
            }
            try {
                // Yield the core to the server under test; this is a poll interval, not a timing assumption.
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
