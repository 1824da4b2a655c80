package dev.latchkey.app.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.app.support.NotificationTestKit;
import dev.latchkey.app.support.NotificationTestKit.Key;
import dev.latchkey.app.support.TestServer;
import dev.latchkey.app.support.TestServer.Answer;
import dev.latchkey.app.support.WebhookReceiver;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Subscriptions on a real server with real receivers: an endpoint that subscribes to {@code audit} gets every audit
 * event of its account, signed, as the audit route shows it; one that subscribes to {@code key} (the default) gets
 * the key events only; and the outbox lists both kinds, key events as before. On H2 and PostgreSQL.
 */
class AuditWebhookTest {
    TestServer server;
    WebhookReceiver keys;
    WebhookReceiver audit;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        for (WebhookReceiver r : new WebhookReceiver[] {keys, audit}) {
            if (r != null) {
                r.close();
            }
        }
    }

    String endpoints(NotificationTestKit kit) {
        return "/v1/accounts/" + kit.accountId + "/notification_endpoints";
    }

    JsonNode subscribe(NotificationTestKit kit, WebhookReceiver receiver, String events) {
        Answer created = server.post(endpoints(kit), kit.ownerToken, "{\"url\":\"" + receiver.url() + "\""
                + (events == null ? "" : ",\"events\":" + events) + "}");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        receiver.secret(created.body().get("secret").asText());
        return created.body();
    }

    @ParameterizedTest(name = "postgres={0}")
    @ValueSource(booleans = {false, true})
    void auditEventsReachAuditEndpointsSignedAndKeyEventsReachKeyEndpointsOnly(boolean postgres) throws Exception {
        server = TestServer.start(TestServer.config(postgres).withNotifications(NotificationTestKit.driven()));
        NotificationTestKit kit = new NotificationTestKit(server);
        keys = new WebhookReceiver();
        audit = new WebhookReceiver();
        JsonNode keyEndpoint = subscribe(kit, keys, null);
        JsonNode auditEndpoint = subscribe(kit, audit, "[\"audit\"]");
        assertThat(keyEndpoint.get("events")).extracting(JsonNode::asText).containsExactly("key");
        assertThat(auditEndpoint.get("events")).extracting(JsonNode::asText).containsExactly("audit");

        Key key = kit.memberKey("deploy-bot");
        assertThat(server.delete("/v1/apikeys/" + key.id(), kit.adminToken).status()).isEqualTo(204);
        kit.deliver();

        assertThat(keys.requests()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.signatureValid()).isTrue();
            assertThat(r.header("Latchkey-Event-Type")).startsWith("apikey.");
        });
        assertThat(keys.processed()).extracting(e -> e.get("type").asText()).containsExactly("apikey.deleted_by_other");

        assertThat(audit.requests()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.signatureValid()).isTrue();
            assertThat(r.header("Content-Type")).startsWith("application/json");
            assertThat(r.header("Latchkey-Event-Type")).isEqualTo("audit.event");
            assertThat(r.header("Latchkey-Delivery-Id")).isNotBlank();
            assertThat(r.body()).doesNotContain(key.value()).doesNotContain(key.value().substring(7, 30));
        });
        // deliveries run in parallel, so they may arrive in any order; seq orders them, without gaps
        List<JsonNode> bySeq = audit.processed().stream()
                .sorted(java.util.Comparator.comparingLong(e -> e.get("seq").asLong())).toList();
        assertThat(bySeq).extracting(e -> e.get("action").asText())
                .as("its own creation, the key's creation and deletion, in order").containsExactly(
                        "iam-identity.notification_endpoint.create", "iam-identity.apikey.create",
                        "iam-identity.apikey.delete");
        for (int i = 1; i < bySeq.size(); i++) {
            assertThat(bySeq.get(i).get("seq").asLong()).isEqualTo(bySeq.get(i - 1).get("seq").asLong() + 1);
            assertThat(bySeq.get(i).get("previous_hash").asText()).isEqualTo(bySeq.get(i - 1).get("hash").asText());
        }
        JsonNode deleted = audit.processed().stream()
                .filter(e -> e.get("action").asText().equals("iam-identity.apikey.delete")).findFirst().orElseThrow();
        assertThat(deleted.get("type").asText()).isEqualTo("audit.event");
        assertThat(deleted.get("event_id").asText()).isEqualTo(deleted.get("id").asText());
        assertThat(audit.requests()).filteredOn(r -> r.body().contains("\"iam-identity.apikey.delete\""))
                .extracting(r -> r.header("Latchkey-Event-Id")).containsOnly(deleted.get("id").asText());
        assertThat(deleted.at("/actor/iam_id").asText()).isEqualTo(kit.admin.iamId());
        assertThat(deleted.at("/target/id").asText()).isEqualTo(key.id());

        Answer trail = server.get("/v1/accounts/" + kit.accountId + "/audit_events?target_id=" + key.id()
                + "&action=iam-identity.apikey.delete", kit.ownerToken);
        assertThat(trail.status()).as(trail.raw()).isEqualTo(200);
        ObjectNode asDelivered = deleted.deepCopy();
        asDelivered.remove(List.of("event_id", "type"));
        assertThat(asDelivered).as("the payload is the event as the audit route shows it")
                .isEqualTo(trail.body().get("events").get(0));

        List<JsonNode> outbox = kit.notifications(null);
        assertThat(outbox).filteredOn(n -> n.get("type").asText().equals("audit.event")).isNotEmpty().allSatisfy(n -> {
            assertThat(n.get("channel").asText()).isEqualTo("webhook");
            assertThat(n.get("recipient").asText()).isEqualTo(audit.url());
            assertThat(n.get("state").asText()).isEqualTo("delivered");
            assertThat(n.has("apikey_id")).isFalse();
        }).anySatisfy(n -> {
            assertThat(n.get("event_id").asText()).isEqualTo(deleted.get("id").asText());
            assertThat(n.get("target_id").asText()).isEqualTo(key.id());
        });
        assertThat(outbox).filteredOn(n -> n.get("type").asText().startsWith("apikey.")).isNotEmpty()
                .allSatisfy(n -> {
                    assertThat(n.get("apikey_id").asText()).isEqualTo(key.id());
                    assertThat(n.has("target_id")).isFalse();
                    if (n.get("channel").asText().equals("webhook")) {
                        assertThat(n.get("recipient").asText()).isEqualTo(keys.url());
                    }
                });
    }

    /** A change of an endpoint's events applies to the next event: no restart, no new secret. */
    @ParameterizedTest(name = "postgres={0}")
    @ValueSource(booleans = {false, true})
    void anEndpointWhoseEventsChangeGetsWhatItNowSubscribesTo(boolean postgres) throws Exception {
        server = TestServer.start(TestServer.config(postgres).withNotifications(NotificationTestKit.driven()));
        NotificationTestKit kit = new NotificationTestKit(server);
        audit = new WebhookReceiver();
        JsonNode endpoint = subscribe(kit, audit, null);
        Key before = kit.memberKey("before-the-change");
        assertThat(server.delete("/v1/apikeys/" + before.id(), kit.adminToken).status()).isEqualTo(204);
        kit.deliver();
        assertThat(audit.processed()).extracting(e -> e.get("type").asText())
                .containsExactly("apikey.deleted_by_other");

        Answer changed = server.call("PATCH", endpoints(kit) + "/" + endpoint.get("id").asText(), kit.ownerToken,
                "{\"events\":[\"audit\"]}", java.util.Map.of("If-Match", endpoint.get("entity_tag").asText()));
        assertThat(changed.status()).as(changed.raw()).isEqualTo(200);
        int seen = audit.requests().size();
        Key after = kit.memberKey("after-the-change");
        assertThat(server.delete("/v1/apikeys/" + after.id(), kit.adminToken).status()).isEqualTo(204);
        kit.deliver();

        assertThat(audit.requests().subList(seen, audit.requests().size())).isNotEmpty().allSatisfy(r -> {
            assertThat(r.signatureValid()).as("signed with the secret it was created with").isTrue();
            assertThat(r.header("Latchkey-Event-Type")).isEqualTo("audit.event");
        });
        assertThat(audit.processed().subList(1, audit.processed().size())).extracting(e -> e.get("action").asText())
                .contains("iam-identity.apikey.create", "iam-identity.apikey.delete");
        JsonNode trail = server.get("/v1/accounts/" + kit.accountId + "/audit_events?action="
                + "iam-identity.notification_endpoint.update", kit.ownerToken).body().get("events");
        assertThat(trail).hasSize(1);
        assertThat(trail.get(0).at("/target/id").asText()).isEqualTo(endpoint.get("id").asText());
        assertThat(trail.get(0).at("/actor/iam_id").asText()).isEqualTo(kit.ownerIamId);
        assertThat(trail.get(0).toString()).doesNotContain(endpoint.get("secret").asText());
    }

    @Test
    void anEndpointSubscribedToBothGetsBothAndBadSubscriptionsAreRefusedWithNothingWritten() throws Exception {
        server = TestServer.start(TestServer.config(false).withNotifications(NotificationTestKit.driven()));
        NotificationTestKit kit = new NotificationTestKit(server);
        int before = server.get(endpoints(kit), kit.ownerToken).body().get("endpoints").size();
        for (String bad : List.of("[]", "[\"keys\"]", "[\"key\",\"AUDIT\"]", "\"audit\"", "[1]", "[null]")) {
            Answer refused = server.post(endpoints(kit), kit.ownerToken,
                    "{\"url\":\"https://hooks.example.com/x\",\"events\":" + bad + "}");
            assertThat(refused.status()).as(bad + ": " + refused.raw()).isEqualTo(400);
            assertThat(refused.errorCode()).as(bad).isEqualTo("invalid_request");
            assertThat(refused.raw()).contains("events");
        }
        assertThat(server.get(endpoints(kit), kit.ownerToken).body().get("endpoints")).hasSize(before);

        audit = new WebhookReceiver();
        JsonNode both = subscribe(kit, audit, "[\"audit\",\"key\"]");
        assertThat(both.get("events")).extracting(JsonNode::asText).containsExactly("key", "audit");
        assertThat(server.get(endpoints(kit), kit.ownerToken).body().get("endpoints"))
                .filteredOn(e -> e.get("id").equals(both.get("id"))).singleElement()
                .satisfies(e -> assertThat(e.get("events")).extracting(JsonNode::asText).containsExactly("key", "audit"));
        Key key = kit.memberKey("both-ways");
        assertThat(server.post("/v1/apikeys/" + key.id() + "/disable", kit.adminToken, null).status()).isEqualTo(204);
        kit.deliver();
        assertThat(audit.requests()).allSatisfy(r -> assertThat(r.signatureValid()).isTrue());
        assertThat(audit.processed()).extracting(e -> e.get("type").asText())
                .contains("audit.event", "apikey.disabled_by_other");
        assertThat(audit.processed()).filteredOn(e -> e.get("type").asText().equals("audit.event"))
                .extracting(e -> e.get("action").asText()).contains("iam-identity.apikey.disable");
    }
}
