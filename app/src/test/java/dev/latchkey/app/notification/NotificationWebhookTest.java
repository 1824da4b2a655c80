package dev.latchkey.app.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.app.support.NotificationTestKit;
import dev.latchkey.app.support.NotificationTestKit.Key;
import dev.latchkey.app.support.TestServer;
import dev.latchkey.app.support.TestServer.Answer;
import dev.latchkey.app.support.WebhookReceiver;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Webhook delivery to a real receiver on a free port: signatures, de-duplication by event id, retries, giving up. */
class NotificationWebhookTest {
    TestServer server;
    WebhookReceiver receiver;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    NotificationTestKit start(dev.latchkey.app.notification.NotificationConfig config) throws Exception {
        receiver = new WebhookReceiver();
        server = TestServer.start(TestServer.config(false).withNotifications(config));
        NotificationTestKit kit = new NotificationTestKit(server);
        Answer created = server.post("/v1/accounts/" + kit.accountId + "/notification_endpoints", kit.ownerToken,
                "{\"url\":\"" + receiver.url() + "\",\"description\":\"security team\"}");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        receiver.secret(created.body().get("secret").asText());
        return kit;
    }

    @Test
    void deliveriesAreSignedWithTheEndpointSecretAndARetryIsRecognisedByItsEventId() throws Exception {
        NotificationTestKit kit = start(NotificationTestKit.driven());
        receiver.answer(500);
        Key key = kit.memberKey("deploy-bot");
        assertThat(server.delete("/v1/apikeys/" + key.id(), kit.adminToken).status()).isEqualTo(204);

        NotificationTestKit.await("the webhook to be delivered", Duration.ofSeconds(10), () -> {
            kit.deliver();
            return kit.notifications("delivered").stream().anyMatch(n -> n.get("channel").asText().equals("webhook"));
        });
        List<WebhookReceiver.Request> requests = receiver.requests();
        assertThat(requests).hasSize(2).allSatisfy(r -> {
            assertThat(r.signatureValid()).isTrue();
            assertThat(r.header("Content-Type")).startsWith("application/json");
            assertThat(r.header("Latchkey-Event-Type")).isEqualTo("apikey.deleted_by_other");
            assertThat(r.body()).doesNotContain(key.value()).doesNotContain(key.value().substring(7, 30));
        });
        assertThat(requests.get(1).header("Latchkey-Event-Id")).isEqualTo(requests.get(0).header("Latchkey-Event-Id"));
        assertThat(requests.get(1).header("Latchkey-Delivery-Id"))
                .isEqualTo(requests.get(0).header("Latchkey-Delivery-Id"));
        assertThat(receiver.processed()).as("processed once although delivered twice").singleElement().satisfies(event -> {
            assertThat(event.get("event_id").asText()).isEqualTo(requests.get(0).header("Latchkey-Event-Id"));
            assertThat(event.get("type").asText()).isEqualTo("apikey.deleted_by_other");
            assertThat(event.get("account_id").asText()).isEqualTo(kit.accountId);
            assertThat(event.at("/apikey/id").asText()).isEqualTo(key.id());
            assertThat(event.at("/apikey/name").asText()).isEqualTo("deploy-bot");
            assertThat(event.at("/apikey/display_prefix").asText()).isEqualTo(key.displayPrefix());
            assertThat(event.at("/apikey/iam_id").asText()).isEqualTo(kit.member.iamId());
            assertThat(event.get("actor_iam_id").asText()).isEqualTo(kit.admin.iamId());
            assertThat(event.get("action_taken").asText()).isEqualTo("deleted");
            assertThat(event.get("next_steps").size()).isGreaterThan(1);
        });
        JsonNode row = kit.notifications("delivered").stream().filter(n -> n.get("channel").asText().equals("webhook"))
                .findFirst().orElseThrow();
        assertThat(row.get("recipient").asText()).isEqualTo(receiver.url());
        assertThat(row.get("attempts").asInt()).isEqualTo(2);
        assertThat(row.get("last_error").asText()).isEqualTo("HTTP 500 from the endpoint");
    }

    @Test
    void aReceiverThatAlwaysFailsIsRetriedWithBackoffThenGivenUpWithTheReason() throws Exception {
        NotificationTestKit kit = start(NotificationTestKit.driven().withPollInterval(Duration.ofMillis(20)));
        receiver.alwaysAnswer(500);
        Key key = kit.memberKey("flaky");
        assertThat(server.post("/v1/apikeys/" + key.id() + "/disable", kit.adminToken, null).status()).isEqualTo(204);

        NotificationTestKit.await("the webhook to be given up", Duration.ofSeconds(15),
                () -> !kit.notifications("failed").isEmpty());
        JsonNode failed = kit.notifications("failed").getFirst();
        assertThat(failed.get("channel").asText()).isEqualTo("webhook");
        assertThat(failed.get("attempts").asInt()).isEqualTo(NotificationTestKit.FAST.maxAttempts());
        assertThat(failed.get("last_error").asText()).isEqualTo("HTTP 500 from the endpoint");
        assertThat(failed.get("finished_at").asText()).isNotBlank();
        assertThat(failed.has("next_attempt_at")).isFalse();
        assertThat(receiver.requests()).hasSize(NotificationTestKit.FAST.maxAttempts())
                .extracting(r -> r.header("Latchkey-Event-Id")).containsOnly(failed.get("event_id").asText());
        assertThat(kit.notifications("pending")).as("mail waits for an SMTP server").isNotEmpty()
                .allSatisfy(n -> {
                    assertThat(n.get("channel").asText()).isEqualTo("email");
                    assertThat(n.get("attempts").asInt()).isZero();
                    assertThat(n.get("last_error").asText()).isEqualTo("no SMTP server configured");
                });
    }

    @Test
    void aDeletedEndpointGetsNothingMore() throws Exception {
        NotificationTestKit kit = start(NotificationTestKit.driven());
        String endpoints = "/v1/accounts/" + kit.accountId + "/notification_endpoints";
        String id = server.get(endpoints, kit.ownerToken).body().get("endpoints").get(0).get("id").asText();
        Key key = kit.memberKey("orphan");
        assertThat(server.delete("/v1/apikeys/" + key.id(), kit.adminToken).status()).isEqualTo(204);
        assertThat(server.delete(endpoints + "/" + id, kit.ownerToken).status()).isEqualTo(204);
        kit.deliver();
        assertThat(receiver.requests()).isEmpty();
        assertThat(kit.notifications("failed")).singleElement().satisfies(n ->
                assertThat(n.get("last_error").asText()).isEqualTo("the notification endpoint was deleted"));
    }
}
