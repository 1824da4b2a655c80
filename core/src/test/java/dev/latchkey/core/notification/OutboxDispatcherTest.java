package dev.latchkey.core.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.common.Ids;
import dev.latchkey.core.common.MutableClock;
import dev.latchkey.core.common.Secret;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutboxDispatcherTest {
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final Secret SECRET = new Secret("lkwh_dispatcher-test-secret");
    final MutableClock clock = new MutableClock(T0);
    final InMemoryOutbox outbox = new InMemoryOutbox();
    final Ids ids = new Ids(new SecureRandom());
    final DeliveryPolicy policy = new DeliveryPolicy(4, Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofMinutes(1), 10);
    final List<String> mails = Collections.synchronizedList(new ArrayList<>());
    final List<Map<String, String>> hookHeaders = Collections.synchronizedList(new ArrayList<>());
    /** What the dispatcher told its metrics: "delivered email", "retried webhook", "gave up webhook". */
    final List<String> counted = Collections.synchronizedList(new ArrayList<>());
    final DeliveryMetrics metrics = new DeliveryMetrics() {
        @Override
        public void delivered(OutboxMessage.Channel channel) {
            counted.add("delivered " + channel.wire());
        }

        @Override
        public void retried(OutboxMessage.Channel channel) {
            counted.add("retried " + channel.wire());
        }

        @Override
        public void gaveUp(OutboxMessage.Channel channel) {
            counted.add("gave up " + channel.wire());
        }
    };

    record Sent(URI url, Map<String, String> headers, String body) {
    }

    static KeyEvent event() {
        return KeyEvent.changedByOther(KeyEvent.Kind.DISABLED_BY_OTHER, "a".repeat(32), "ApiKey-1", "deploy", "lk_AbCd",
                "IBMid-OWNER00001", "IBMid-ADMIN00001", null, T0);
    }

    OutboxMessage mail(String id) {
        OutboxMessage m = OutboxMessage.pending(id, "event-1", event(), OutboxMessage.Channel.EMAIL,
                "owner@example.com", null, "subject", "body", clock.instant());
        outbox.insert(m);
        return m;
    }

    OutboxMessage hook(String id, String endpointId) {
        OutboxMessage m = OutboxMessage.pending(id, "event-1", event(), OutboxMessage.Channel.WEBHOOK,
                "https://hooks.example.com/x", endpointId, null, "{\"event_id\":\"event-1\"}", clock.instant());
        outbox.insert(m);
        return m;
    }

    OutboxDispatcher dispatcher(MailSender mail, WebhookSender hooks) {
        return new OutboxDispatcher(outbox, mail, hooks,
                id -> id.equals("Endpoint-1") ? Optional.of(SECRET) : Optional.empty(), policy, ids, clock, metrics);
    }

    MailSender recordingMail() {
        return (to, subject, body) -> {
            mails.add(to + "|" + subject + "|" + body);
            return new DeliveryOutcome.Delivered();
        };
    }

    WebhookSender answering(DeliveryOutcome outcome) {
        return (url, headers, body) -> {
            hookHeaders.add(headers);
            return outcome;
        };
    }

    @Test
    void aDeliveredMessageIsMarkedDeliveredOnlyAfterTheChannelTookIt() {
        mail("m1");
        OutboxDispatcher dispatcher = dispatcher(recordingMail(), answering(new DeliveryOutcome.Delivered()));
        assertThat(dispatcher.runOnce()).isEqualTo(1);
        assertThat(mails).containsExactly("owner@example.com|subject|body");
        OutboxMessage done = outbox.find("m1").orElseThrow();
        assertThat(done.state()).isEqualTo(OutboxMessage.State.DELIVERED);
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(dispatcher.runOnce()).as("nothing is sent twice").isZero();
        assertThat(mails).hasSize(1);
        assertThat(counted).containsExactly("delivered email");
    }

    @Test
    void finishedMessagesArePrunedAfterTheRetentionCountedFromTheirEnd() {
        mail("m1");
        mail("m2");
        OutboxDispatcher dispatcher = dispatcher(recordingMail(), answering(new DeliveryOutcome.Delivered()));
        assertThat(dispatcher.runOnce()).isEqualTo(2);
        clock.advance(Duration.ofDays(30));
        mail("m3"); // pending, and already older than the retention by the end
        clock.advance(Duration.ofDays(31));
        assertThat(dispatcher.pruneFinished(Duration.ofDays(60))).as("finished 61 days ago").isEqualTo(2);
        assertThat(outbox.find("m1")).isEmpty();
        assertThat(outbox.find("m3")).isPresent();
        assertThat(dispatcher.pruneFinished(Duration.ofDays(1))).as("a pending message stays").isZero();
    }

    @Test
    void aFailingWebhookBacksOffExponentiallyUpToTheCapThenGivesUpWithTheReason() {
        hook("h1", "Endpoint-1");
        OutboxDispatcher dispatcher = dispatcher(recordingMail(), answering(new DeliveryOutcome.Failed("HTTP 500")));
        List<Duration> waits = new ArrayList<>();
        for (int attempt = 1; attempt < policy.maxAttempts(); attempt++) {
            assertThat(dispatcher.runOnce()).isEqualTo(1);
            OutboxMessage m = outbox.find("h1").orElseThrow();
            assertThat(m.state()).isEqualTo(OutboxMessage.State.PENDING);
            assertThat(m.attempts()).isEqualTo(attempt);
            assertThat(m.lastError()).isEqualTo("HTTP 500");
            waits.add(Duration.between(clock.instant(), m.nextAttemptAt()));
            clock.advance(waits.getLast().minusMillis(1));
            assertThat(dispatcher.runOnce()).as("not due before its backoff").isZero();
            clock.advance(Duration.ofMillis(1));
        }
        assertThat(waits).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(5));
        assertThat(dispatcher.runOnce()).isEqualTo(1);
        OutboxMessage failed = outbox.find("h1").orElseThrow();
        assertThat(failed.state()).isEqualTo(OutboxMessage.State.FAILED);
        assertThat(failed.attempts()).isEqualTo(4);
        assertThat(failed.lastError()).isEqualTo("HTTP 500");
        clock.advance(Duration.ofDays(1));
        assertThat(dispatcher.runOnce()).as("given up for good").isZero();
        assertThat(hookHeaders).hasSize(4);
        assertThat(counted).containsExactly("retried webhook", "retried webhook", "retried webhook", "gave up webhook");
    }

    @Test
    void webhookRequestsCarryStableEventIdsAndAVerifiableSignature() {
        hook("h1", "Endpoint-1");
        OutboxDispatcher dispatcher = dispatcher(recordingMail(), answering(new DeliveryOutcome.Failed("HTTP 503")));
        dispatcher.runOnce();
        clock.advance(Duration.ofSeconds(2));
        dispatcher.runOnce();
        assertThat(hookHeaders).hasSize(2).allSatisfy(h -> {
            assertThat(h).containsEntry("Latchkey-Event-Id", "event-1").containsEntry("Latchkey-Delivery-Id", "h1")
                    .containsEntry("Latchkey-Event-Type", "apikey.disabled_by_other");
            assertThat(WebhookSignature.verify(h.get("Latchkey-Signature"), SECRET, "{\"event_id\":\"event-1\"}",
                    clock.instant(), Duration.ofMinutes(5))).isTrue();
            assertThat(WebhookSignature.verify(h.get("Latchkey-Signature"), new Secret("lkwh_other"),
                    "{\"event_id\":\"event-1\"}", clock.instant(), Duration.ofMinutes(5))).isFalse();
        });
        assertThat(hookHeaders.get(0).get("Latchkey-Signature")).as("re-signed with the time of each attempt")
                .isNotEqualTo(hookHeaders.get(1).get("Latchkey-Signature"));
    }

    @Test
    void aMissingSmtpServerDefersMailWithoutUsingAttempts() {
        mail("m1");
        OutboxDispatcher dispatcher = dispatcher(MailSender.UNCONFIGURED, answering(new DeliveryOutcome.Delivered()));
        for (int i = 0; i < 10; i++) {
            assertThat(dispatcher.runOnce()).isEqualTo(1);
            assertThat(dispatcher.runOnce()).as("deferred until the cap has passed").isZero();
            clock.advance(policy.backoffCap());
        }
        dispatcher.runOnce();
        OutboxMessage waiting = outbox.find("m1").orElseThrow();
        assertThat(waiting.state()).isEqualTo(OutboxMessage.State.PENDING);
        assertThat(waiting.attempts()).isZero();
        assertThat(waiting.lastError()).isEqualTo("no SMTP server configured");
        assertThat(outbox.releaseDeferred(OutboxMessage.Channel.EMAIL, clock.instant())).isEqualTo(1);
        assertThat(dispatcher(recordingMail(), answering(new DeliveryOutcome.Delivered())).runOnce())
                .as("configured later, it is sent").isEqualTo(1);
        assertThat(outbox.find("m1").orElseThrow().state()).isEqualTo(OutboxMessage.State.DELIVERED);
    }

    @Test
    void aDeletedEndpointIsGivenUpAtOnceAndAThrowingChannelCountsAsAFailure() {
        hook("h1", "Endpoint-gone");
        mail("m1");
        MailSender throwing = (to, subject, body) -> {
            throw new IllegalStateException("boom");
        };
        dispatcher(throwing, answering(new DeliveryOutcome.Delivered())).runOnce();
        OutboxMessage gone = outbox.find("h1").orElseThrow();
        assertThat(gone.state()).isEqualTo(OutboxMessage.State.FAILED);
        assertThat(gone.lastError()).isEqualTo("the notification endpoint was deleted");
        assertThat(hookHeaders).isEmpty();
        OutboxMessage thrown = outbox.find("m1").orElseThrow();
        assertThat(thrown.state()).isEqualTo(OutboxMessage.State.PENDING);
        assertThat(thrown.attempts()).isEqualTo(1);
        assertThat(thrown.lastError()).isEqualTo("unexpected failure: IllegalStateException");
    }

    @Test
    void aMessageLeasedByACrashedDispatcherIsDeliveredWhenTheLeaseEnds() {
        mail("m1");
        assertThat(outbox.claimDue("crashed-node", clock.instant(), clock.instant().plus(policy.lease()), 10)).hasSize(1);
        OutboxDispatcher dispatcher = dispatcher(recordingMail(), answering(new DeliveryOutcome.Delivered()));
        assertThat(dispatcher.runOnce()).as("still leased").isZero();
        clock.advance(policy.lease());
        assertThat(dispatcher.runOnce()).isEqualTo(1);
        assertThat(mails).hasSize(1);
    }

    @Test
    void aLargeBacklogIsDeliveredInBatchesInOneRun() {
        for (int i = 0; i < 35; i++) {
            mail(String.format("m%02d", i));
        }
        assertThat(dispatcher(recordingMail(), answering(new DeliveryOutcome.Delivered())).runOnce()).isEqualTo(35);
        assertThat(outbox.all()).allSatisfy(m -> assertThat(m.state()).isEqualTo(OutboxMessage.State.DELIVERED));
    }
}
