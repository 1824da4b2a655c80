package dev.latchkey.core.notification;

import static dev.latchkey.core.InMemoryServices.ACCOUNT;
import static dev.latchkey.core.InMemoryServices.OTHER_ACCOUNT;
import static dev.latchkey.core.InMemoryServices.OWNER;
import static dev.latchkey.core.InMemoryServices.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.InMemoryServices;
import dev.latchkey.core.access.AccessDecider;
import dev.latchkey.core.access.Role;
import dev.latchkey.core.audit.AuditEvent;
import dev.latchkey.core.audit.AuditOrigin;
import dev.latchkey.core.audit.AuditTarget;
import dev.latchkey.core.audit.AuditTrail;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.ErrorCode;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.common.SecretBox;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Subscriptions and audit deliveries on the in-memory stores: an appended audit event becomes one outbox delivery per
 * endpoint of its account that subscribes to {@code audit}, in the appending transaction; key events go only to
 * endpoints that subscribe to {@code key}; a key rotated by its own identity is a notice for its user alone.
 */
class AuditDeliveriesTest {
    final InMemoryServices s = new InMemoryServices();
    final MessageRenderer renderer = new MessageRenderer("https://iam.example.com");
    final AuditTrail trail = new AuditTrail(s.stores.audit, new AuditDeliveries(s.stores.outbox,
            s.stores.webhookEndpoints, renderer, s.ids, s.clock), s.stores.tx, s.ids, s.clock);
    final WebhookEndpointService endpoints = new WebhookEndpointService(s.stores.webhookEndpoints, s.access,
            new SecretBox(new byte[32], s.random), s.ids, s.random, s.clock, WebhookTargets.PUBLIC_ONLY, s.stores.tx,
            trail);
    final NotificationService notifications = new NotificationService(s.stores.tx, s.stores.outbox,
            s.stores.webhookEndpoints, s.stores.users, s.stores.accounts, s.stores.policies,
            s.access, renderer, s.ids, s.clock);

    WebhookEndpoint endpoint(Principal caller, String account, String path, List<String> events) {
        return endpoints.create(caller, account, "https://hooks.example.com/" + path, null, events).endpoint();
    }

    List<OutboxMessage> audits() {
        return s.stores.outbox.all().stream().filter(m -> m.type().equals(OutboxMessage.AUDIT_EVENT)).toList();
    }

    @Test
    void anEndpointReceivesKeyEventsUnlessItChoosesOtherwiseAndUnknownOrNoFamiliesAreRefused() {
        assertThat(endpoint(OWNER, ACCOUNT, "default", null).events()).containsExactly(EventFamily.KEY);
        assertThat(endpoint(OWNER, ACCOUNT, "audit", List.of("audit")).events()).containsExactly(EventFamily.AUDIT);
        assertThat(endpoint(OWNER, ACCOUNT, "both", List.of("audit", "key", "audit")).events())
                .containsExactly(EventFamily.KEY, EventFamily.AUDIT);
        int before = s.stores.webhookEndpoints.list(ACCOUNT).size();
        for (List<String> bad : List.of(List.<String>of(), List.of("key", "keys"), List.of("Audit"), List.of(""))) {
            assertThatThrownBy(() -> endpoint(OWNER, ACCOUNT, "bad", bad)).as(bad.toString())
                    .isInstanceOfSatisfying(DomainException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
                        assertThat(e.getMessage()).startsWith("Field 'events'").contains("'key', 'audit'");
                    });
        }
        assertThat(s.stores.webhookEndpoints.list(ACCOUNT)).as("nothing half-written").hasSize(before);
    }

    @Test
    void anAuditEventGoesToEachAuditEndpointOfItsAccountOnlyAsTheAuditRouteShowsIt() {
        WebhookEndpoint keys = endpoint(OWNER, ACCOUNT, "keys", List.of("key"));
        WebhookEndpoint audit = endpoint(OWNER, ACCOUNT, "audit", List.of("audit"));
        WebhookEndpoint both = endpoint(OWNER, ACCOUNT, "both", List.of("key", "audit"));
        endpoint(STRANGER, OTHER_ACCOUNT, "elsewhere", List.of("audit"));
        s.stores.outbox.all().forEach(m -> assertThat(m.type()).isEqualTo(OutboxMessage.AUDIT_EVENT));
        int before = audits().size();

        AuditOrigin.begin("203.0.113.7", "trace-\"1\"");
        AuditEvent event;
        try {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("name", "deploy \"bot\"\n");
            details.put("grace_seconds", "60");
            event = trail.record(OWNER, ACCOUNT, "iam-identity.apikey.rotate",
                    AuditTarget.of("apikey", "ApiKey-1", "deploy"), details);
        } finally {
            AuditOrigin.end();
        }
        List<OutboxMessage> delivered = audits().subList(before, audits().size());
        assertThat(delivered).extracting(OutboxMessage::endpointId).containsExactlyInAnyOrder(audit.id(), both.id());
        assertThat(delivered).allSatisfy(m -> {
            assertThat(m.eventId()).isEqualTo(event.id());
            assertThat(m.accountId()).isEqualTo(ACCOUNT);
            assertThat(m.subjectId()).isEqualTo("ApiKey-1");
            assertThat(m.channel()).isEqualTo(OutboxMessage.Channel.WEBHOOK);
            assertThat(m.state()).isEqualTo(OutboxMessage.State.PENDING);
            assertThat(m.isKeyEvent()).isFalse();
            assertThat(m.body()).isEqualTo("{\"event_id\":\"" + event.id() + "\",\"type\":\"audit.event\",\"id\":\""
                    + event.id() + "\",\"seq\":" + event.seq() + ",\"account_id\":\"" + ACCOUNT
                    + "\",\"time\":\"2026-01-02T03:04:05Z\",\"actor\":{\"iam_id\":\"" + OWNER.iamId()
                    + "\",\"address\":\"203.0.113.7\"},\"trace_id\":\"trace-\\\"1\\\"\","
                    + "\"action\":\"iam-identity.apikey.rotate\",\"target\":{\"type\":\"apikey\",\"id\":\"ApiKey-1\","
                    + "\"name\":\"deploy\"},\"outcome\":\"success\",\"details\":{\"grace_seconds\":\"60\","
                    + "\"name\":\"deploy \\\"bot\\\"\\n\"},\"previous_hash\":\"" + event.previousHash()
                    + "\",\"hash\":\"" + event.hash() + "\"}");
        });
        assertThat(delivered).noneMatch(m -> m.endpointId().equals(keys.id()));
    }

    @Test
    void aSystemEventWithoutTargetIdOrOriginLeavesThoseOut() {
        endpoint(OWNER, ACCOUNT, "audit", List.of("audit"));
        int before = audits().size();
        AuditEvent event = trail.recordSystem(ACCOUNT, "iam-identity.account.retention", AuditTarget.of("account",
                null, null), Map.of());
        OutboxMessage m = audits().get(before);
        assertThat(m.subjectId()).isNull();
        assertThat(m.body()).contains("\"actor\":{\"iam_id\":\"system\"}", "\"target\":{\"type\":\"account\"}",
                "\"details\":{}", "\"seq\":" + event.seq()).doesNotContain("trace_id", "address", "null");
    }

    @Test
    void anEventTooLargeForTheOutboxIsDeliveredWithoutItsDetailsRatherThanFailingTheChange() {
        endpoint(OWNER, ACCOUNT, "audit", List.of("audit"));
        int before = audits().size();
        Map<String, String> details = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            details.put("field_" + i, "v".repeat(4000));
        }
        AuditEvent event = trail.record(OWNER, ACCOUNT, "iam-identity.policy.update",
                AuditTarget.of("policy", "policy-1", null), details);
        OutboxMessage m = audits().get(before);
        assertThat(m.body().length()).isLessThanOrEqualTo(AuditDeliveries.MAX_BODY);
        assertThat(m.body()).doesNotContain("\"details\"").contains("\"hash\":\"" + event.hash() + "\"")
                .endsWith(",\"details_omitted\":true}");
        assertThat(renderer.render(event)).contains("\"details\":{\"field_0\"").doesNotContain("details_omitted");
    }

    @Test
    void anEventAndItsDeliveriesCommitOrRollBackTogether() {
        endpoint(OWNER, ACCOUNT, "audit", List.of("audit"));
        int outbox = s.stores.outbox.all().size();
        long events = s.stores.audit.head(ACCOUNT).orElseThrow().lastSeq();
        assertThatThrownBy(() -> s.stores.tx.inTransaction(() -> {
            trail.record(OWNER, ACCOUNT, "iam-identity.apikey.update", AuditTarget.of("apikey", "ApiKey-1", "n"),
                    Map.of());
            assertThat(s.stores.outbox.all()).hasSize(outbox + 1);
            throw new IllegalStateException("the change failed after its event");
        })).hasMessage("the change failed after its event");
        assertThat(s.stores.outbox.all()).hasSize(outbox);
        assertThat(s.stores.audit.head(ACCOUNT).orElseThrow().lastSeq()).isEqualTo(events);
    }

    @Test
    void deliveringAnAuditEventRecordsNoFurtherEvent() {
        endpoint(OWNER, ACCOUNT, "audit", List.of("audit"));
        long events = s.stores.audit.head(ACCOUNT).orElseThrow().lastSeq();
        int outbox = s.stores.outbox.all().size();
        trail.record(OWNER, ACCOUNT, "iam-identity.apikey.update", AuditTarget.of("apikey", "ApiKey-1", "n"), Map.of());
        assertThat(s.stores.audit.head(ACCOUNT).orElseThrow().lastSeq()).isEqualTo(events + 1);
        assertThat(s.stores.outbox.all()).hasSize(outbox + 1);
    }

    @Test
    void keyEventsGoOnlyToEndpointsThatSubscribeToKeys() {
        WebhookEndpoint keys = endpoint(OWNER, ACCOUNT, "keys", null);
        endpoint(OWNER, ACCOUNT, "audit", List.of("audit"));
        WebhookEndpoint both = endpoint(OWNER, ACCOUNT, "both", List.of("audit", "key"));
        String eventId = notifications.enqueue(KeyEvent.changedByOther(KeyEvent.Kind.DISABLED_BY_OTHER, ACCOUNT,
                "ApiKey-1", "deploy", "lk_AbCd", OWNER.iamId(), "IBMid-ADMIN00001", null, s.clock.instant()));
        List<OutboxMessage> sent = s.stores.outbox.all().stream().filter(m -> m.eventId().equals(eventId)).toList();
        assertThat(sent).filteredOn(m -> m.channel() == OutboxMessage.Channel.WEBHOOK)
                .extracting(OutboxMessage::endpointId).containsExactlyInAnyOrder(keys.id(), both.id());
        assertThat(sent).allSatisfy(m -> {
            assertThat(m.type()).isEqualTo("apikey.disabled_by_other");
            assertThat(m.subjectId()).isEqualTo("ApiKey-1");
            assertThat(m.isKeyEvent()).isTrue();
        });
    }

    @Test
    void aKeyRotatedByItsOwnIdentityIsANoticeForItsUserAloneAndTheWebhooks() {
        Principal alice = s.member("IBMid-ALICE00001");
        s.grantOnIdentity(s.member("IBMid-ADMIN00001"), Role.ADMINISTRATOR);
        WebhookEndpoint keys = endpoint(OWNER, ACCOUNT, "keys", null);
        String self = notifications.enqueue(KeyEvent.rotated(ACCOUNT, "ApiKey-1", "deploy", "lk_AbCd",
                alice.iamId(), null, s.clock.instant(), s.clock.instant().plusSeconds(3600)));
        assertThat(s.stores.outbox.all()).filteredOn(m -> m.eventId().equals(self)).allSatisfy(m ->
                        assertThat(m.type()).isEqualTo("apikey.rotated"))
                .extracting(OutboxMessage::recipient)
                .containsExactlyInAnyOrder("ibmid-alice00001@example.com", keys.url());

        String byOther = notifications.enqueue(KeyEvent.rotatedByOther(ACCOUNT, "ApiKey-1", "deploy", "lk_AbCd",
                alice.iamId(), "IBMid-ADMIN00001", null, s.clock.instant(), null));
        assertThat(s.stores.outbox.all()).filteredOn(m -> m.eventId().equals(byOther))
                .extracting(OutboxMessage::recipient).as("a warning goes to the administrators too")
                .contains("ibmid-alice00001@example.com", "ibmid-admin00001@example.com", keys.url());

        String service = notifications.enqueue(KeyEvent.rotated(ACCOUNT, "ApiKey-2", "ci", "lk_WxYz",
                "iam-ServiceId-123", null, s.clock.instant(), null));
        assertThat(s.stores.outbox.all()).filteredOn(m -> m.eventId().equals(service))
                .extracting(OutboxMessage::recipient).as("a service ID has no mailbox").containsExactly(keys.url());
    }
}
