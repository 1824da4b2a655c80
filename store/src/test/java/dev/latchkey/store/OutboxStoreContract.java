package dev.latchkey.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.access.Policy;
import dev.latchkey.core.access.PolicyStore;
import dev.latchkey.core.access.Role;
import dev.latchkey.core.apikey.ApiKey;
import dev.latchkey.core.apikey.ApiKeyStore;
import dev.latchkey.core.apikey.LeakAction;
import dev.latchkey.core.common.HistoryEntry;
import dev.latchkey.core.notification.EventFamily;
import dev.latchkey.core.notification.ExpiringKey;
import dev.latchkey.core.notification.ExpiryNoticeStore;
import dev.latchkey.core.notification.KeyEvent;
import dev.latchkey.core.notification.OutboxMessage;
import dev.latchkey.core.notification.OutboxMessage.Channel;
import dev.latchkey.core.notification.OutboxMessage.State;
import dev.latchkey.core.notification.OutboxStore;
import dev.latchkey.core.notification.WebhookEndpoint;
import dev.latchkey.core.notification.WebhookEndpointStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The notification stores' part of the store contract: outbox claims are leases held by one claimant, a lapsed
 * lease can be taken over, outcomes need the claim token, retries wait until due, given-up and delivered messages
 * are never claimed again; endpoints keep their secret sealed; expiry warnings are recorded once. Mixed into
 * {@link StoreContract}, so it runs on H2, PostgreSQL and the in-memory fakes.
 */
interface OutboxStoreContract {
    Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");
    String ACCOUNT = "a".repeat(32);
    Duration LEASE = Duration.ofSeconds(60);

    /** The stores under test, with account {@link #ACCOUNT} owned by {@code IBMid-OWNER00001}. */
    StoresUnderTest stores();

    default OutboxStore outbox() {
        return stores().outbox();
    }

    static OutboxMessage message(String id, Instant due) {
        KeyEvent event = KeyEvent.changedByOther(KeyEvent.Kind.DELETED_BY_OTHER, ACCOUNT, "ApiKey-1", "deploy",
                "lk_AbCd", "IBMid-OWNER00001", "IBMid-ADMIN00001", null, T0);
        OutboxMessage m = OutboxMessage.pending(id, "event-" + id, event, Channel.EMAIL, "owner@example.com", null,
                "subject " + id, "body of " + id, T0);
        return new OutboxMessage(m.id(), m.eventId(), m.accountId(), m.type(), m.subjectId(), m.channel(), m.recipient(),
                m.endpointId(), m.subject(), m.body(), m.state(), m.attempts(), due, m.lastError(), m.createdAt(),
                m.finishedAt());
    }

    /**
     * Keyset paging of an account's outbox (decision 0038): 14 messages made at three times, their ids out of step
     * with the order they were made in, beside another account's. Walking newest first, each page read after the last
     * message of the one before, visits each once, newest first and by id (descending) among those of one time; the
     * reverse order walks them oldest first; a state is a condition on the range; the pages by offset agree.
     */
    @Test
    default void outboxPagesAfterAPositionVisitEveryMessageOnceNewestFirst() {
        OutboxStore outbox = outbox();
        List<OutboxMessage> made = new ArrayList<>();
        Instant[] times = {T0, T0.plusSeconds(1), T0.plusMillis(1)};
        for (int i = 0; i < 14; i++) {
            OutboxMessage m = message(String.format("m-%02d", (i * 5) % 14), T0);
            m = new OutboxMessage(m.id(), m.eventId(), m.accountId(), m.type(), m.subjectId(), m.channel(),
                    m.recipient(), m.endpointId(), m.subject(), m.body(), i % 4 == 0 ? State.FAILED : State.PENDING,
                    m.attempts(), m.nextAttemptAt(), m.lastError(), times[i % 3], m.finishedAt());
            outbox.insert(m);
            made.add(m);
        }
        OutboxMessage elsewhere = message("m-other", T0);
        outbox.insert(new OutboxMessage(elsewhere.id(), elsewhere.eventId(), "b".repeat(32), elsewhere.type(),
                elsewhere.subjectId(), elsewhere.channel(), elsewhere.recipient(), elsewhere.endpointId(),
                elsewhere.subject(), elsewhere.body(), State.PENDING, 0, T0, null, T0.plusMillis(1), null));
        Comparator<OutboxMessage> oldestFirst = Comparator.comparing(OutboxMessage::createdAt)
                .thenComparing(OutboxMessage::id);
        List<String> newest = made.stream().sorted(oldestFirst.reversed()).map(OutboxMessage::id).toList();
        List<String> failed = made.stream().filter(m -> m.state() == State.FAILED).sorted(oldestFirst.reversed())
                .map(OutboxMessage::id).toList();
        assertThat(newest).doesNotHaveDuplicates().hasSize(14);
        for (int size : new int[] {1, 2, 5, 14, 20}) {
            assertThat(ListingWalks.walk((OutboxMessage.Position after) -> outbox.list(ACCOUNT, null, after, true,
                    0, size), OutboxMessage::position, OutboxMessage::id, size))
                    .as("newest first in pages of %d", size).containsExactlyElementsOf(newest);
            assertThat(ListingWalks.walk((OutboxMessage.Position after) -> outbox.list(ACCOUNT, null, after, false,
                    0, size), OutboxMessage::position, OutboxMessage::id, size))
                    .as("oldest first in pages of %d", size).containsExactlyElementsOf(newest.reversed());
            assertThat(ListingWalks.walk((OutboxMessage.Position after) -> outbox.list(ACCOUNT, State.FAILED, after,
                    true, 0, size), OutboxMessage::position, OutboxMessage::id, size))
                    .as("failed ones in pages of %d", size).containsExactlyElementsOf(failed);
            List<String> byOffset = new ArrayList<>();
            for (int offset = 0; offset < newest.size(); offset += size) {
                outbox.list(ACCOUNT, null, null, true, offset, size).items().forEach(m -> byOffset.add(m.id()));
            }
            assertThat(byOffset).as("pages of %d by offset", size).containsExactlyElementsOf(newest);
        }
        // A position whose message is gone (there is no m-055) still seeks; the answer keeps the caller's offset.
        OutboxMessage.Position gone = new OutboxMessage.Position(T0.plusMillis(1), "m-055");
        Comparator<OutboxMessage.Position> byPosition = Comparator.comparing(OutboxMessage.Position::createdAt)
                .thenComparing(OutboxMessage.Position::id);
        List<String> rest = newest.stream().filter(id -> byPosition.compare(made.stream()
                .filter(m -> m.id().equals(id)).findFirst().orElseThrow().position(), gone) < 0).toList();
        var page = outbox.list(ACCOUNT, null, gone, true, 6, 3);
        assertThat(page.items()).extracting(OutboxMessage::id).containsExactlyElementsOf(rest.subList(0, 3));
        assertThat(page.offset()).as("the offset the caller counted").isEqualTo(6);
        assertThat(page.hasMore()).isTrue();
    }

    @Test
    default void outboxMessagesRoundTripAndListNewestFirstByState() {
        OutboxStore outbox = outbox();
        OutboxMessage mail = message("m1", T0);
        OutboxMessage hook = new OutboxMessage("m2", "event-m1", ACCOUNT, "apikey.leaked", "ApiKey-2",
                Channel.WEBHOOK, "https://hooks.example.com/x", "Endpoint-1", null, "{\"a\":1}", State.PENDING, 0,
                T0, null, T0.plusMillis(1), null);
        outbox.insert(mail);
        outbox.insert(hook);
        assertThat(outbox.find("m1")).contains(mail);
        assertThat(outbox.find("m2")).contains(hook);
        assertThat(outbox.list(ACCOUNT, null, null, true, 0, 10).items()).containsExactly(hook, mail);
        assertThat(outbox.list(ACCOUNT, null, null, true, 0, 1).hasMore()).isTrue();
        assertThat(outbox.list(ACCOUNT, State.DELIVERED, null, true, 0, 10).items()).isEmpty();
        assertThat(outbox.list("b".repeat(32), null, null, true, 0, 10).items()).isEmpty();
    }

    @Test
    default void pruningDeletesOnlyMessagesThatFinishedBeforeTheCutOff() {
        OutboxStore outbox = outbox();
        for (String id : List.of("old-delivered", "old-failed", "new-delivered", "old-pending")) {
            outbox.insert(message(id, T0));
        }
        List<OutboxMessage> claimed = outbox.claimDue("A", T0, T0.plus(LEASE), 10);
        assertThat(claimed).hasSize(4);
        assertThat(outbox.markDelivered("old-delivered", "A", T0.plusSeconds(1))).isTrue();
        assertThat(outbox.markFailed("old-failed", "A", "HTTP 500 from the endpoint", T0.plusSeconds(2))).isTrue();
        assertThat(outbox.markDelivered("new-delivered", "A", T0.plusSeconds(100))).isTrue();

        assertThat(outbox.pruneFinished(T0.plusSeconds(50))).isEqualTo(2);
        assertThat(outbox.find("old-delivered")).isEmpty();
        assertThat(outbox.find("old-failed")).isEmpty();
        assertThat(outbox.find("new-delivered")).isPresent();
        assertThat(outbox.find("old-pending")).as("pending is never pruned, however old").isPresent();
        assertThat(outbox.pruneFinished(T0.plusSeconds(50))).isZero();
    }

    @Test
    default void pendingCountsTheMessagesNotYetFinishedByChannel() {
        OutboxStore outbox = outbox();
        for (String id : List.of("due", "retrying", "delivered", "given-up")) {
            outbox.insert(message(id, T0));
        }
        outbox.insert(new OutboxMessage("hook", "event-hook", ACCOUNT, "apikey.leaked", "ApiKey-2", Channel.WEBHOOK,
                "https://hooks.example.com/x", "Endpoint-1", null, "{}", State.PENDING, 0, T0, null, T0, null));
        outbox.claimDue("A", T0, T0.plus(LEASE), 10);
        outbox.scheduleRetry("retrying", "A", "SMTP timeout", T0.plusSeconds(60), true);
        outbox.markDelivered("delivered", "A", T0.plusSeconds(1));
        outbox.markFailed("given-up", "A", "HTTP 410", T0.plusSeconds(1));
        assertThat(outbox.pending(Channel.EMAIL)).as("due (leased) and retrying").isEqualTo(2);
        assertThat(outbox.pending(Channel.WEBHOOK)).isEqualTo(1);
    }

    @Test
    default void claimLeasesDueMessagesToOneClaimantOldestDueFirst() {
        OutboxStore outbox = outbox();
        outbox.insert(message("late", T0.plusSeconds(2)));
        outbox.insert(message("b", T0.minusSeconds(1)));
        outbox.insert(message("a", T0.minusSeconds(5)));
        outbox.insert(message("future", T0.plusSeconds(30)));

        List<OutboxMessage> first = outbox.claimDue("A", T0.plusSeconds(3), T0.plusSeconds(63), 2);
        assertThat(first).extracting(OutboxMessage::id).containsExactly("a", "b");
        assertThat(outbox.claimDue("B", T0.plusSeconds(3), T0.plusSeconds(63), 10)).extracting(OutboxMessage::id)
                .as("leased rows are skipped; the future one is not due").containsExactly("late");
        assertThat(outbox.claimDue("C", T0.plusSeconds(3), T0.plusSeconds(63), 10)).isEmpty();
    }

    @Test
    default void aLapsedLeaseIsTakenOverAndTheFormerHolderCanNoLongerRecord() {
        OutboxStore outbox = outbox();
        outbox.insert(message("m", T0));
        assertThat(outbox.claimDue("crashed", T0, T0.plus(LEASE), 10)).hasSize(1);
        assertThat(outbox.claimDue("other", T0.plus(LEASE).minusMillis(1), T0.plus(LEASE).plus(LEASE), 10))
                .as("still leased").isEmpty();
        Instant later = T0.plus(LEASE).plusSeconds(1);
        assertThat(outbox.claimDue("other", later, later.plus(LEASE), 10)).extracting(OutboxMessage::id)
                .containsExactly("m");
        assertThat(outbox.markDelivered("m", "crashed", later)).isFalse();
        assertThat(outbox.scheduleRetry("m", "crashed", "x", later, true)).isFalse();
        assertThat(outbox.markDelivered("m", "other", later)).isTrue();
        OutboxMessage done = outbox.find("m").orElseThrow();
        assertThat(done.state()).isEqualTo(State.DELIVERED);
        assertThat(done.attempts()).isEqualTo(1);
        assertThat(done.finishedAt()).isEqualTo(later);
        assertThat(outbox.claimDue("again", later.plus(Duration.ofDays(1)), later.plus(Duration.ofDays(2)), 10))
                .as("delivered messages are never claimed again").isEmpty();
    }

    @Test
    default void aRetryCountsTheAttemptKeepsTheReasonAndWaitsUntilItIsDue() {
        OutboxStore outbox = outbox();
        outbox.insert(message("m", T0));
        outbox.claimDue("A", T0, T0.plus(LEASE), 10);
        assertThat(outbox.scheduleRetry("m", "A", "HTTP 500 from the endpoint", T0.plusSeconds(2), true)).isTrue();
        OutboxMessage retried = outbox.find("m").orElseThrow();
        assertThat(retried.state()).isEqualTo(State.PENDING);
        assertThat(retried.attempts()).isEqualTo(1);
        assertThat(retried.lastError()).isEqualTo("HTTP 500 from the endpoint");
        assertThat(retried.nextAttemptAt()).isEqualTo(T0.plusSeconds(2));
        assertThat(outbox.claimDue("B", T0.plusSeconds(1), T0.plus(LEASE), 10)).as("backing off").isEmpty();
        assertThat(outbox.claimDue("B", T0.plusSeconds(2), T0.plus(LEASE), 10)).hasSize(1);
        assertThat(outbox.scheduleRetry("m", "B", "no SMTP server configured", T0.plusSeconds(600), false)).isTrue();
        assertThat(outbox.find("m").orElseThrow().attempts()).as("a deferral uses no attempt").isEqualTo(1);
    }

    @Test
    default void mailDeferredForWantOfAServerIsReleasedWhenOneIsConfigured() {
        OutboxStore outbox = outbox();
        outbox.insert(message("deferred", T0));
        outbox.insert(message("failed-once", T0));
        outbox.insert(message("fresh", T0));
        outbox.claimDue("A", T0, T0.plus(LEASE), 2);
        outbox.scheduleRetry("deferred", "A", "no SMTP server configured", T0.plusSeconds(600), false);
        outbox.scheduleRetry("failed-once", "A", "SMTP timeout", T0.plusSeconds(600), true);
        assertThat(outbox.releaseDeferred(Channel.WEBHOOK, T0.plusSeconds(1))).isZero();
        assertThat(outbox.releaseDeferred(Channel.EMAIL, T0.plusSeconds(1))).isEqualTo(1);
        assertThat(outbox.claimDue("B", T0.plusSeconds(1), T0.plus(LEASE), 10)).extracting(OutboxMessage::id)
                .containsExactlyInAnyOrder("deferred", "fresh");
    }

    @Test
    default void givingUpMarksFailedWithTheLastReasonForGood() {
        OutboxStore outbox = outbox();
        outbox.insert(message("m", T0));
        outbox.claimDue("A", T0, T0.plus(LEASE), 10);
        outbox.scheduleRetry("m", "A", "first", T0, true);
        outbox.claimDue("B", T0, T0.plus(LEASE), 10);
        assertThat(outbox.markFailed("m", "B", "HTTP 500 from the endpoint", T0.plusSeconds(1))).isTrue();
        OutboxMessage failed = outbox.find("m").orElseThrow();
        assertThat(failed.state()).isEqualTo(State.FAILED);
        assertThat(failed.attempts()).isEqualTo(2);
        assertThat(failed.lastError()).isEqualTo("HTTP 500 from the endpoint");
        assertThat(failed.finishedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(outbox.claimDue("C", T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofDays(2)), 10)).isEmpty();
        assertThat(outbox.list(ACCOUNT, State.FAILED, null, true, 0, 10).items()).containsExactly(failed);
    }

    @Test
    default void concurrentClaimantsNeverShareAMessage() throws Exception {
        OutboxStore outbox = outbox();
        for (int i = 0; i < 60; i++) {
            outbox.insert(message(String.format("m%02d", i), T0));
        }
        List<String> claimed = Collections.synchronizedList(new ArrayList<>());
        List<Callable<Void>> claimants = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            String token = "claimant-" + c;
            claimants.add(() -> {
                for (int round = 0; round < 100; round++) {
                    List<OutboxMessage> batch = outbox.claimDue(token + "-" + round, T0, T0.plus(LEASE), 7);
                    if (batch.isEmpty()) {
                        return null;
                    }
                    batch.forEach(m -> claimed.add(m.id()));
                }
                return null;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (Future<Void> f : pool.invokeAll(claimants)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Set<String> distinct = new HashSet<>(claimed);
        assertThat(claimed).hasSize(60);
        assertThat(distinct).hasSize(60);
    }

    @Test
    default void endpointsKeepTheirSealedSecretAndAreDeletedOnlyInTheirAccount() {
        WebhookEndpointStore endpoints = stores().webhookEndpoints();
        WebhookEndpoint e = new WebhookEndpoint("Endpoint-1", ACCOUNT, "https://hooks.example.com/a", "ops",
                "IBMid-OWNER00001", T0);
        assertThat(endpoints.insertWithin(e, new byte[] {9, 8, 7}, 1)).isTrue();
        assertThat(endpoints.insertWithin(new WebhookEndpoint("Endpoint-2", ACCOUNT, "https://hooks.example.com/b",
                null, "IBMid-OWNER00001", T0), new byte[] {1}, 1)).as("the account has its one endpoint").isFalse();
        assertThat(endpoints.find("Endpoint-1")).contains(e);
        assertThat(endpoints.find("Endpoint-2")).isEmpty();
        assertThat(endpoints.list(ACCOUNT)).containsExactly(e);
        assertThat(endpoints.sealedSecret("Endpoint-1")).get().isEqualTo(new byte[] {9, 8, 7});
        assertThat(endpoints.delete("b".repeat(32), "Endpoint-1")).isFalse();
        assertThat(endpoints.delete(ACCOUNT, "Endpoint-1")).isTrue();
        assertThat(endpoints.sealedSecret("Endpoint-1")).isEmpty();
        assertThat(endpoints.list(ACCOUNT)).isEmpty();
    }

    @Test
    default void anEndpointChangesItsDescriptionAndEventsAtTheExpectedVersionOnlyAndKeepsItsUrlAndSecret() {
        WebhookEndpointStore endpoints = stores().webhookEndpoints();
        WebhookEndpoint e = new WebhookEndpoint("Endpoint-c", ACCOUNT, "https://hooks.example.com/c", "ops",
                "IBMid-OWNER00001", T0);
        assertThat(endpoints.insertWithin(e, new byte[] {4, 2}, 20)).isTrue();
        assertThat(endpoints.find("Endpoint-c").orElseThrow().version()).isEqualTo(1);
        WebhookEndpoint changed = e.changed(null, EnumSet.of(EventFamily.AUDIT, EventFamily.KEY));
        assertThat(endpoints.update(changed, 2)).as("not at version 2").isFalse();
        assertThat(endpoints.update(new WebhookEndpoint(e.id(), "b".repeat(32), e.url(), null, e.createdBy(),
                e.createdAt(), EnumSet.of(EventFamily.AUDIT), 2), 1)).as("another account's").isFalse();
        assertThat(endpoints.find("Endpoint-c")).contains(e);
        assertThat(endpoints.update(changed, 1)).isTrue();
        assertThat(endpoints.find("Endpoint-c")).contains(changed);
        assertThat(changed.version()).isEqualTo(2);
        assertThat(changed.url()).isEqualTo("https://hooks.example.com/c");
        assertThat(endpoints.update(changed.changed("again", EnumSet.of(EventFamily.KEY)), 1))
                .as("version 1 is gone").isFalse();
        assertThat(endpoints.sealedSecret("Endpoint-c")).get().isEqualTo(new byte[] {4, 2});
        assertThat(endpoints.delete(ACCOUNT, "Endpoint-c")).isTrue();
        assertThat(endpoints.update(changed.changed("gone", EnumSet.of(EventFamily.KEY)), 2)).isFalse();
    }

    @Test
    default void endpointsKeepTheEventFamiliesTheySubscribeTo() {
        WebhookEndpointStore endpoints = stores().webhookEndpoints();
        WebhookEndpoint keys = new WebhookEndpoint("Endpoint-k", ACCOUNT, "https://hooks.example.com/k", null,
                "IBMid-OWNER00001", T0);
        WebhookEndpoint audit = new WebhookEndpoint("Endpoint-a", ACCOUNT, "https://hooks.example.com/a", null,
                "IBMid-OWNER00001", T0.plusMillis(1), EnumSet.of(EventFamily.AUDIT));
        WebhookEndpoint both = new WebhookEndpoint("Endpoint-b", ACCOUNT, "https://hooks.example.com/b", null,
                "IBMid-OWNER00001", T0.plusMillis(2), EnumSet.of(EventFamily.AUDIT, EventFamily.KEY));
        for (WebhookEndpoint e : List.of(keys, audit, both)) {
            assertThat(endpoints.insertWithin(e, new byte[] {1}, 20)).isTrue();
        }
        assertThat(endpoints.find("Endpoint-k").orElseThrow().events()).containsExactly(EventFamily.KEY);
        assertThat(endpoints.find("Endpoint-a").orElseThrow().events()).containsExactly(EventFamily.AUDIT);
        assertThat(endpoints.find("Endpoint-b").orElseThrow().events())
                .containsExactly(EventFamily.KEY, EventFamily.AUDIT);
        assertThat(endpoints.list(ACCOUNT)).containsExactly(keys, audit, both);
        assertThat(endpoints.list(ACCOUNT)).filteredOn(e -> e.receives(EventFamily.AUDIT)).extracting(WebhookEndpoint::id)
                .containsExactly("Endpoint-a", "Endpoint-b");
    }

    @Test
    default void theOutboxHoldsAuditEventsWhoseSubjectIsTheirTargetOrNone() {
        OutboxStore outbox = outbox();
        String longTarget = "crn:v1:bluemix:public:iam-identity::a/" + ACCOUNT + "::apikey:" + "x".repeat(150);
        OutboxMessage named = new OutboxMessage("audit-1", "AuditEvent-1", ACCOUNT, OutboxMessage.AUDIT_EVENT,
                longTarget, Channel.WEBHOOK, "https://hooks.example.com/a", "Endpoint-a", null, "{\"type\":1}",
                State.PENDING, 0, T0, null, T0, null);
        OutboxMessage unnamed = new OutboxMessage("audit-2", "AuditEvent-2", ACCOUNT, OutboxMessage.AUDIT_EVENT, null,
                Channel.WEBHOOK, "https://hooks.example.com/a", "Endpoint-a", null, "{}", State.PENDING, 0, T0, null,
                T0.plusMillis(1), null);
        outbox.insert(named);
        outbox.insert(unnamed);
        assertThat(outbox.find("audit-1")).contains(named);
        assertThat(outbox.find("audit-2")).contains(unnamed);
        assertThat(named.isKeyEvent()).isFalse();
        assertThat(message("k", T0).isKeyEvent()).isTrue();
        assertThat(message("k", T0).type()).isEqualTo("apikey.deleted_by_other");
        assertThat(outbox.claimDue("A", T0, T0.plus(LEASE), 10)).extracting(OutboxMessage::type)
                .containsOnly(OutboxMessage.AUDIT_EVENT);
        assertThat(outbox.markDelivered("audit-1", "A", T0.plusSeconds(1))).isTrue();
        assertThat(outbox.find("audit-1").orElseThrow().subjectId()).isEqualTo(longTarget);
    }

    @Test
    default void anExpiryWarningIsRecordedOncePerKeyKindAndExpiry() {
        ApiKeyStore keys = stores().keys();
        ExpiryNoticeStore notices = stores().expiryNotices();
        Instant soon = T0.plus(Duration.ofHours(20));
        ApiKey key = new ApiKey("ApiKey-x", ACCOUNT, "IBMid-OWNER00001", "expiring", null, "IBMid-OWNER00001", T0, T0,
                soon, false, false, false, LeakAction.NONE, "f".repeat(64), "lk_wxyz", 1);
        keys.insert(key, new HistoryEntry(T0, "IBMid-OWNER00001", ACCOUNT, "create", List.of(), "m"));
        keys.insert(new ApiKey("ApiKey-y", ACCOUNT, "IBMid-OWNER00001", "later", null, "IBMid-OWNER00001", T0, T0,
                T0.plus(Duration.ofDays(30)), false, false, false, LeakAction.NONE, "e".repeat(64), "lk_abcd", 1),
                new HistoryEntry(T0, "IBMid-OWNER00001", ACCOUNT, "create", List.of(), "m"));
        KeyEvent.Kind day = KeyEvent.Kind.EXPIRES_IN_1_DAY;

        assertThat(notices.withoutNotice(day, T0, T0.plus(Duration.ofDays(1)), 10)).containsExactly(
                new ExpiringKey("ApiKey-x", ACCOUNT, "IBMid-OWNER00001", "expiring", "lk_wxyz", soon));
        assertThat(notices.record("ApiKey-x", day, soon, T0)).isTrue();
        assertThat(notices.record("ApiKey-x", day, soon, T0)).as("the second record does nothing").isFalse();
        assertThat(notices.withoutNotice(day, T0, T0.plus(Duration.ofDays(1)), 10)).isEmpty();
        assertThat(notices.withoutNotice(KeyEvent.Kind.EXPIRES_IN_7_DAYS, T0, T0.plus(Duration.ofDays(1)), 10))
                .as("another kind is recorded separately").hasSize(1);

        Instant moved = soon.plus(Duration.ofHours(2));
        keys.update(key.withDetails("expiring", null, false, LeakAction.NONE, moved, T0), 1,
                new HistoryEntry(T0, "IBMid-OWNER00001", ACCOUNT, "update", List.of("expires_at"), "m"));
        assertThat(notices.withoutNotice(day, T0, T0.plus(Duration.ofDays(1)), 10)).extracting(ExpiringKey::expiresAt)
                .as("a moved expiry is warned about again").containsExactly(moved);
        assertThat(keys.delete("ApiKey-x", 2)).as("notices do not block deleting the key").isTrue();
    }

    @Test
    default void identityAdministratorsAreTheSubjectsOfActiveAdministratorPoliciesOnIamIdentity() {
        PolicyStore policies = stores().policies();
        policies.insert(grant("p1", "IBMid-ADMIN00001", Role.ADMINISTRATOR, "iam-identity"));
        policies.insert(grant("p2", "IBMid-ADMIN00001", Role.ADMINISTRATOR, "iam-identity"));
        policies.insert(grant("p3", "IBMid-VIEWER0001", Role.VIEWER, "iam-identity"));
        policies.insert(grant("p4", "IBMid-OTHERSVC01", Role.ADMINISTRATOR, "user-management"));
        Policy gone = grant("p5", "IBMid-REVOKED001", Role.ADMINISTRATOR, "iam-identity");
        policies.insert(new Policy(gone.id(), gone.type(), gone.accountId(), gone.subjectIamId(), gone.roleIds(),
                gone.resourceAttributes(), null, null, "deleted", T0, "x", T0, "x", 1));
        policies.insert(Policy.grant("p6", ACCOUNT, "IBMid-IAMGROUP01", List.of(Role.ADMINISTRATOR.crn()),
                List.of(new Policy.Attribute("accountId", ACCOUNT, null),
                        new Policy.Attribute("service_group_id", "IAM", null)), null, "IBMid-OWNER00001", T0));
        assertThat(policies.subjectsGranted(ACCOUNT, "iam-identity", Role.ADMINISTRATOR.crn()))
                .as("candidates: a grant on the service, or on a group of services that AccessDecider then confirms")
                .containsExactly("IBMid-ADMIN00001", "IBMid-IAMGROUP01");
        assertThat(policies.subjectsGranted("b".repeat(32), "iam-identity", Role.ADMINISTRATOR.crn())).isEmpty();
    }

    private static Policy grant(String id, String subject, Role role, String service) {
        return Policy.grant(id, ACCOUNT, subject, List.of(Role.VIEWER.crn(), role.crn()),
                List.of(new Policy.Attribute("accountId", ACCOUNT, null),
                        new Policy.Attribute("serviceName", service, null)), null, "IBMid-OWNER00001", T0);
    }
}
