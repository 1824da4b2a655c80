package dev.latchkey.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.Ids;
import dev.latchkey.core.common.InMemoryTransactor;
import dev.latchkey.core.common.MutableClock;
import dev.latchkey.core.common.Principal;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuditLogTest {
    static final String ACCOUNT = "a".repeat(32);
    static final Principal OWNER = new Principal("IBMid-OWNER", ACCOUNT);
    static final Principal STRANGER = new Principal("IBMid-STRANGER", ACCOUNT);
    MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    InMemoryTransactor tx = new InMemoryTransactor();
    InMemoryAuditStore store = tx.enlist(new InMemoryAuditStore());
    List<AuditEvent> published = new ArrayList<>();
    AuditTrail trail;
    AuditLog log;

    @BeforeEach
    void setUp() {
        trail = new AuditTrail(store, published::add, tx, new Ids(new SecureRandom()), clock);
        log = new AuditLog(store, (caller, account) -> caller.equals(OWNER), clock);
    }

    void recordSome(int count) {
        for (int i = 0; i < count; i++) {
            trail.record(OWNER, ACCOUNT, "iam-identity.apikey.update", AuditTarget.of("apikey", "ApiKey-" + i, "k" + i),
                    Map.of("name", "k" + i));
            clock.advance(Duration.ofMinutes(1));
        }
    }

    @Test
    void recordedEventsCarryTheRequestOriginAndArePublished() {
        AuditOrigin.begin("198.51.100.4", "trace-1");
        try {
            recordSome(1);
        } finally {
            AuditOrigin.end();
        }
        recordSome(1);
        List<AuditEvent> events = log.list(OWNER, new AuditQuery(ACCOUNT, null, null, null, null, null, null, 10)).events();
        assertThat(events.get(1).actorAddress()).isEqualTo("198.51.100.4");
        assertThat(events.get(1).traceId()).isEqualTo("trace-1");
        assertThat(events.get(0).actorAddress()).as("no request, no origin").isNull();
        assertThat(published).hasSize(2);
        assertThat(log.verify(ACCOUNT).intact()).isTrue();
        assertThat(log.verify(ACCOUNT).checked()).isEqualTo(2);
    }

    @Test
    void onlyThoseTheRuleAllowsReadTheLogOfTheirOwnAccount() {
        recordSome(1);
        assertThatThrownBy(() -> log.list(STRANGER, new AuditQuery(ACCOUNT, null, null, null, null, null, null, 10)))
                .isInstanceOf(DomainException.class).hasMessageContaining(AuditLog.READ_ACTION);
        assertThatThrownBy(() -> log.list(OWNER, new AuditQuery("b".repeat(32), null, null, null, null, null, null, 10)))
                .isInstanceOf(DomainException.class);
        assertThat(log.mayRead(OWNER, ACCOUNT)).isTrue();
        assertThat(log.mayRead(STRANGER, ACCOUNT)).isFalse();
    }

    AuditEvent stored(long seq) {
        List<AuditEvent> all = new ArrayList<>();
        store.forEach(ACCOUNT, all::add);
        return all.stream().filter(e -> e.seq() == seq).findFirst().orElseThrow();
    }

    @Test
    void anAlteredEventIsFound() {
        recordSome(5);
        AuditEvent third = stored(3);
        Map<String, String> details = new HashMap<>(third.details());
        details.put("name", "something else");
        store.overwrite(new AuditEvent(ACCOUNT, 3, third.id(), third.time(), third.actor(), third.actorAddress(),
                third.traceId(), third.action(), third.target(), third.outcome(), details, third.previousHash(),
                third.hash()));
        ChainCheck check = log.verify(ACCOUNT);
        assertThat(check.firstBreak()).get().extracting(ChainCheck.Break::seq, ChainCheck.Break::kind)
                .containsExactly(3L, ChainCheck.Kind.ALTERED);
    }

    @Test
    void anAlteredAndRehashedEventIsFoundAtTheNextLink() {
        recordSome(5);
        AuditEvent third = stored(3);
        AuditEvent forged = new AuditEvent(ACCOUNT, 0, third.id(), third.time(), "IBMid-SOMEONE-ELSE",
                third.actorAddress(), third.traceId(), third.action(), third.target(), third.outcome(), third.details(),
                null, null).chained(3, third.previousHash());
        store.overwrite(forged);
        assertThat(log.verify(ACCOUNT).firstBreak()).get().extracting(ChainCheck.Break::seq, ChainCheck.Break::kind)
                .containsExactly(4L, ChainCheck.Kind.INSERTED);
    }

    @Test
    void aRemovedEventIsFound() {
        recordSome(5);
        store.remove(ACCOUNT, 2);
        assertThat(log.verify(ACCOUNT).firstBreak()).get().extracting(ChainCheck.Break::seq, ChainCheck.Break::kind)
                .containsExactly(2L, ChainCheck.Kind.REMOVED);
        store.remove(ACCOUNT, 5);
        assertThat(log.verify(ACCOUNT).firstBreak().orElseThrow().seq()).as("still the first break").isEqualTo(2);
    }

    @Test
    void aRemovedNewestEventIsFoundFromTheHead() {
        recordSome(3);
        store.remove(ACCOUNT, 3);
        assertThat(log.verify(ACCOUNT).firstBreak()).get().extracting(ChainCheck.Break::seq, ChainCheck.Break::kind)
                .containsExactly(3L, ChainCheck.Kind.REMOVED);
    }

    @Test
    void anInsertedEventIsFound() {
        recordSome(3);
        AuditEvent extra = AuditEvent.unchained(ACCOUNT, "forged", clock.instant(), "IBMid-X", AuditOrigin.NONE,
                "iam-identity.apikey.delete", AuditTarget.of("apikey", "ApiKey-1", null), AuditEvent.Outcome.SUCCESS,
                Map.of()).chained(4, stored(3).hash());
        store.overwrite(extra);
        assertThat(log.verify(ACCOUNT).firstBreak()).get().extracting(ChainCheck.Break::seq, ChainCheck.Break::kind)
                .containsExactly(4L, ChainCheck.Kind.INSERTED);
    }

    @Test
    void retentionKeepsTheRestVerifiable() {
        recordSome(10);
        clock.advance(Duration.ofDays(1));
        recordSome(2);
        assertThat(log.trim(Duration.ofHours(12))).isEqualTo(10);
        ChainCheck check = log.verify(ACCOUNT);
        assertThat(check.intact()).isTrue();
        assertThat(check.checked()).isEqualTo(2);
        assertThat(store.head(ACCOUNT).orElseThrow().firstSeq()).isEqualTo(11);
    }

    @Test
    void refusalsAreCoalescedPerKeyReasonAndAddressAndWrittenOnFlush() {
        RefusalBuffer buffer = new RefusalBuffer(trail);
        AuditTarget key = AuditTarget.of("apikey", "ApiKey-1", "ci");
        AuditOrigin.begin("203.0.113.9", "t1");
        try {
            for (int i = 0; i < 5; i++) {
                buffer.refused(ACCOUNT, "IBMid-A", "iam-identity.token.create", key, "disabled");
                clock.advance(Duration.ofSeconds(1));
            }
            buffer.refused(ACCOUNT, "IBMid-A", "iam-identity.token.create", key, "expired");
        } finally {
            AuditOrigin.end();
        }
        assertThat(store.head(ACCOUNT)).as("nothing written before the flush").isEmpty();
        buffer.flush();
        List<AuditEvent> events = log.list(OWNER, new AuditQuery(ACCOUNT, null, null, null, null, null, null, 10)).events();
        assertThat(events).hasSize(2).allMatch(e -> e.outcome() == AuditEvent.Outcome.FAILURE)
                .allMatch(e -> "203.0.113.9".equals(e.actorAddress()));
        AuditEvent disabled = events.stream().filter(e -> e.details().get("reason").equals("disabled")).findFirst()
                .orElseThrow();
        assertThat(disabled.details()).containsEntry("count", "5");
        assertThat(disabled.time()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        buffer.flush();
        assertThat(store.head(ACCOUNT).orElseThrow().lastSeq()).as("a flush writes each refusal once").isEqualTo(2);
    }
}
