package dev.latchkey.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.audit.AuditEvent;
import dev.latchkey.core.audit.AuditOrigin;
import dev.latchkey.core.audit.AuditPage;
import dev.latchkey.core.audit.AuditQuery;
import dev.latchkey.core.audit.AuditStore;
import dev.latchkey.core.audit.AuditTarget;
import dev.latchkey.core.audit.ChainHead;
import dev.latchkey.core.common.Transactor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The audit store's behaviour, run against H2, PostgreSQL and core's in-memory fake. */
abstract class AuditStoreContract {
    static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");
    static final String ACCOUNT = "a".repeat(32);
    static final String OTHER = "b".repeat(32);
    static final AtomicInteger IDS = new AtomicInteger();
    AuditStore store;
    Transactor tx;
    AutoCloseable closer;

    /** A fresh, empty store; sets {@link #tx} and {@link #closer}. */
    abstract AuditStore open();

    @BeforeEach
    void setUp() {
        store = open();
    }

    @AfterEach
    void tearDown() throws Exception {
        closer.close();
    }

    static AuditEvent event(String account, String actor, String action, String targetId, int minute) {
        return AuditEvent.unchained(account, "ev-" + IDS.incrementAndGet(), T0.plusSeconds(60L * minute), actor,
                new AuditOrigin("192.0.2.7", "trace-" + minute), action, AuditTarget.of("apikey", targetId, "name ü \"q\""),
                AuditEvent.Outcome.SUCCESS, Map.of("name", "new name", "expires_at", T0.toString()));
    }

    AuditEvent append(AuditEvent e) {
        return tx.inTransaction(() -> store.append(e));
    }

    @Test
    void appendsChainPerAccountAndRoundTripExactly() {
        AuditEvent first = append(event(ACCOUNT, "IBMid-A", "iam-identity.apikey.create", "ApiKey-1", 0));
        AuditEvent other = append(event(OTHER, "IBMid-B", "iam-identity.apikey.create", "ApiKey-9", 0));
        AuditEvent second = append(event(ACCOUNT, "IBMid-A", "iam-identity.apikey.update", "ApiKey-1", 1));
        assertThat(first.seq()).isEqualTo(1);
        assertThat(first.previousHash()).isEqualTo(AuditEvent.GENESIS);
        assertThat(other.seq()).as("each account has its own chain").isEqualTo(1);
        assertThat(second.seq()).isEqualTo(2);
        assertThat(second.previousHash()).isEqualTo(first.hash());
        assertThat(store.head(ACCOUNT)).contains(new ChainHead(ACCOUNT, 1, AuditEvent.GENESIS, 2, second.hash()));
        List<AuditEvent> stored = new ArrayList<>();
        store.forEach(ACCOUNT, stored::add);
        assertThat(stored).containsExactly(first, second);
        assertThat(stored).allMatch(AuditEvent::hashMatches);
        assertThat(store.accounts()).containsExactlyInAnyOrder(ACCOUNT, OTHER);
    }

    @Test
    void listsNewestFirstWithFiltersAndPages() {
        for (int i = 0; i < 5; i++) {
            append(event(ACCOUNT, i % 2 == 0 ? "IBMid-A" : "IBMid-B", "iam-identity.apikey.update", "ApiKey-" + (i % 3), i));
        }
        AuditPage page = store.list(new AuditQuery(ACCOUNT, null, null, null, null, null, null, 2));
        assertThat(page.events()).extracting(AuditEvent::seq).containsExactly(5L, 4L);
        assertThat(page.next()).isEqualTo(4L);
        AuditPage rest = store.list(new AuditQuery(ACCOUNT, null, null, null, null, null, page.next(), 10));
        assertThat(rest.events()).extracting(AuditEvent::seq).containsExactly(3L, 2L, 1L);
        assertThat(rest.next()).isNull();
        assertThat(rest.events().get(0).details()).containsEntry("name", "new name");
        assertThat(store.list(new AuditQuery(ACCOUNT, null, null, "IBMid-B", null, null, null, 10)).events())
                .extracting(AuditEvent::seq).containsExactly(4L, 2L);
        assertThat(store.list(new AuditQuery(ACCOUNT, null, null, null, null, "ApiKey-0", null, 10)).events())
                .extracting(AuditEvent::seq).containsExactly(4L, 1L);
        assertThat(store.list(new AuditQuery(ACCOUNT, T0.plusSeconds(60), T0.plusSeconds(180), null, null, null, null,
                10)).events()).extracting(AuditEvent::seq).containsExactly(3L, 2L);
        assertThat(store.list(new AuditQuery(ACCOUNT, null, null, null, "iam-identity.apikey.delete", null, null, 10))
                .events()).isEmpty();
    }

    @Test
    void trimmingDeletesTheOldestAndRecordsWhereTheChainStarts() {
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            events.add(append(event(ACCOUNT, "IBMid-A", "iam-identity.apikey.update", "ApiKey-1", i * 10)));
        }
        assertThat(store.trimBefore(ACCOUNT, T0.plusSeconds(60L * 15))).isEqualTo(2);
        assertThat(store.head(ACCOUNT)).contains(new ChainHead(ACCOUNT, 3, events.get(1).hash(), 4,
                events.get(3).hash()));
        List<AuditEvent> kept = new ArrayList<>();
        store.forEach(ACCOUNT, kept::add);
        assertThat(kept).containsExactly(events.get(2), events.get(3));
        assertThat(store.trimBefore(ACCOUNT, T0.plusSeconds(60L * 15))).as("nothing more to trim").isZero();
        AuditEvent next = append(event(ACCOUNT, "IBMid-A", "iam-identity.apikey.update", "ApiKey-1", 40));
        assertThat(next.seq()).isEqualTo(5);
        assertThat(next.previousHash()).isEqualTo(events.get(3).hash());
        assertThat(store.trimBefore(ACCOUNT, T0.plusSeconds(60L * 1000))).as("every event").isEqualTo(3);
        assertThat(store.head(ACCOUNT)).contains(new ChainHead(ACCOUNT, 6, next.hash(), 5, next.hash()));
    }

    @Test
    void concurrentAppendsToOneAccountMakeOneUnbrokenChain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        append(event(ACCOUNT, "IBMid-A", "iam-identity.apikey.update", "ApiKey-1", i));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<AuditEvent> stored = new ArrayList<>();
        store.forEach(ACCOUNT, stored::add);
        assertThat(stored).extracting(AuditEvent::seq).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(1, 40).boxed().toList());
        String previous = AuditEvent.GENESIS;
        for (AuditEvent e : stored) {
            assertThat(e.previousHash()).isEqualTo(previous);
            assertThat(e.hashMatches()).isTrue();
            previous = e.hash();
        }
    }

    @Test
    void anEventAppendedInARolledBackTransactionLeavesNoTrace() {
        append(event(ACCOUNT, "IBMid-A", "iam-identity.apikey.create", "ApiKey-1", 0));
        try {
            tx.inTransaction(() -> {
                store.append(event(ACCOUNT, "IBMid-A", "iam-identity.apikey.update", "ApiKey-1", 1));
                throw new IllegalStateException("the change failed");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        assertThat(store.head(ACCOUNT).orElseThrow().lastSeq()).isEqualTo(1);
        AuditEvent next = append(event(ACCOUNT, "IBMid-A", "iam-identity.apikey.update", "ApiKey-1", 2));
        assertThat(next.seq()).isEqualTo(2);
    }
}
