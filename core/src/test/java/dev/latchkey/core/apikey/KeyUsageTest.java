package dev.latchkey.core.apikey;

import static dev.latchkey.core.InMemoryServices.OWNER;
import static dev.latchkey.core.InMemoryServices.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.InMemoryServices;
import dev.latchkey.core.access.Role;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.ErrorCode;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.common.Transactor;
import dev.latchkey.core.token.TokenOutcome;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Daily usage per key: token exchanges counted in memory by UTC day, written with the batched activity in one
 * transaction, read densely by whoever may view the key, and kept for 90 days.
 */
class KeyUsageTest {
    final InMemoryServices s = new InMemoryServices();
    final Principal alice = s.member("IBMid-ALICE00001");
    final Principal bob = s.member("IBMid-BOB0000001");
    final CreatedApiKey created = s.apiKeys.create(alice, new CreateApiKey("mine", alice.iamId(), null, null, null,
            null, null, null, null, false, false));
    final String id = created.key().id();

    void exchangeAt(Instant at) {
        s.clock.set(at);
        assertThat(s.tokens.exchange(created.value(), null, null, "default", "10.1.2.3"))
                .isInstanceOf(TokenOutcome.Issued.class);
    }

    static List<Long> counts(KeyUsage usage) {
        return usage.days().stream().map(KeyUsage.Day::tokenExchanges).toList();
    }

    static void refused(ErrorCode code, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.errorCode()).isEqualTo(code));
    }

    @Test
    void exchangesAreCountedByUtcDayAndListedOldestFirstWithEveryDayFlushedOrNot() {
        exchangeAt(Instant.parse("2026-03-09T10:00:00Z"));
        exchangeAt(Instant.parse("2026-03-09T23:59:59.999Z"));
        s.activity.flush();
        exchangeAt(Instant.parse("2026-03-10T00:00:00Z"));

        KeyUsage usage = s.apiKeys.usage(alice, id, 3);
        assertThat(usage.keyId()).isEqualTo(id);
        assertThat(usage.days()).extracting(KeyUsage.Day::date).containsExactly(LocalDate.parse("2026-03-08"),
                LocalDate.parse("2026-03-09"), LocalDate.parse("2026-03-10"));
        assertThat(counts(usage)).as("the unwritten use counts too").containsExactly(0L, 2L, 1L);
        assertThat(usage.total()).isEqualTo(3);
        assertThat(s.stores.keyUsage.usage(id, LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31")))
                .as("only what was flushed is stored").isEqualTo(Map.of(LocalDate.parse("2026-03-09"), 2L));

        s.activity.flush();
        assertThat(s.stores.keyUsage.usage(id, LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31")))
                .isEqualTo(Map.of(LocalDate.parse("2026-03-09"), 2L, LocalDate.parse("2026-03-10"), 1L));
        assertThat(counts(s.apiKeys.usage(alice, id, 3))).as("nothing counted twice").containsExactly(0L, 2L, 1L);
        assertThat(s.apiKeys.usage(alice, id, null).days()).hasSize(KeyUsage.RETENTION_DAYS)
                .last().isEqualTo(new KeyUsage.Day(LocalDate.parse("2026-03-10"), 1));
        assertThat(s.activity.activity(id).authnCount()).isEqualTo(3);
    }

    @Test
    void aFlushOfManyKeysUsedInAnyOrderWritesEachKeyOnce() {
        List<CreatedApiKey> keys = new ArrayList<>(List.of(created));
        for (int i = 0; i < 12; i++) {
            keys.add(s.apiKeys.create(alice, new CreateApiKey("more " + i, alice.iamId(), null, null, null, null,
                    null, null, null, false, false)));
        }
        keys.sort(Comparator.comparing((CreatedApiKey k) -> k.key().id()).reversed());
        Instant at = Instant.parse("2026-03-10T09:00:00Z");
        s.clock.set(at);
        for (int round = 1; round <= 2; round++) {
            for (CreatedApiKey key : keys) { // in descending id order: the flush sorts them
                assertThat(s.tokens.exchange(key.value(), null, null, "default", "10.1.2.3"))
                        .isInstanceOf(TokenOutcome.Issued.class);
            }
        }
        s.activity.flush();
        for (CreatedApiKey key : keys) {
            assertThat(s.stores.keys.activity(key.key().id())).isEqualTo(new Activity(at, 2));
            assertThat(s.stores.keyUsage.usage(key.key().id(), LocalDate.MIN, LocalDate.MAX))
                    .isEqualTo(Map.of(LocalDate.parse("2026-03-10"), 2L));
        }
    }

    @Test
    void oneBatchAcrossMidnightIsWrittenToBothDays() {
        exchangeAt(Instant.parse("2026-03-10T00:00:01Z"));
        exchangeAt(Instant.parse("2026-03-09T23:59:59Z")); // a request that began before midnight, counted after
        exchangeAt(Instant.parse("2026-03-10T00:00:02Z"));
        s.activity.flush();
        assertThat(s.stores.keyUsage.usage(id, LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-31")))
                .isEqualTo(Map.of(LocalDate.parse("2026-03-09"), 1L, LocalDate.parse("2026-03-10"), 2L));
        assertThat(s.stores.keys.activity(id))
                .isEqualTo(new Activity(Instant.parse("2026-03-10T00:00:02Z"), 3));
    }

    @Test
    void aFailedWriteRollsBackTheActivityTooAndTheNextFlushWritesEverythingOnce() {
        InMemoryKeyUsageStore real = s.stores.keyUsage;
        boolean[] fail = {true};
        KeyUsageStore failingOnce = new KeyUsageStore() {
            @Override
            public void add(KeyUses uses) {
                real.add(uses);
                if (fail[0]) {
                    fail[0] = false;
                    throw new IllegalStateException("database went away");
                }
            }

            @Override
            public Map<LocalDate, Long> usage(String keyId, LocalDate from, LocalDate to) {
                return real.usage(keyId, from, to);
            }

            @Override
            public int deleteBefore(LocalDate firstKept) {
                return real.deleteBefore(firstKept);
            }
        };
        ActivityRecorder recorder = new ActivityRecorder(s.stores.keys, failingOnce, s.stores.tx);
        recorder.record(id, Instant.parse("2026-03-09T12:00:00Z"));
        recorder.record(id, Instant.parse("2026-03-10T12:00:00Z"));

        assertThatThrownBy(recorder::flush).hasMessage("database went away");
        assertThat(s.stores.keys.activity(id)).as("rolled back with the usage").isEqualTo(Activity.NONE);
        assertThat(real.usage(id, LocalDate.MIN, LocalDate.MAX)).isEmpty();
        assertThat(recorder.usage(id, LocalDate.MIN, LocalDate.MAX)).as("kept in memory")
                .isEqualTo(Map.of(LocalDate.parse("2026-03-09"), 1L, LocalDate.parse("2026-03-10"), 1L));

        recorder.flush();
        assertThat(s.stores.keys.activity(id).authnCount()).isEqualTo(2);
        assertThat(real.usage(id, LocalDate.MIN, LocalDate.MAX))
                .isEqualTo(Map.of(LocalDate.parse("2026-03-09"), 1L, LocalDate.parse("2026-03-10"), 1L));
    }

    @Test
    void aReaderDuringAFlushSeesTheUsesBeingWrittenOnce() throws Exception {
        InMemoryKeyUsageStore real = s.stores.keyUsage;
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        KeyUsageStore slow = new KeyUsageStore() {
            @Override
            public void add(KeyUses uses) {
                writing.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                real.add(uses);
            }

            @Override
            public Map<LocalDate, Long> usage(String keyId, LocalDate from, LocalDate to) {
                return real.usage(keyId, from, to);
            }

            @Override
            public int deleteBefore(LocalDate firstKept) {
                return real.deleteBefore(firstKept);
            }
        };
        // The stores' own transactor would hold its lock across the slow write; the reader takes none.
        ActivityRecorder recorder = new ActivityRecorder(s.stores.keys, slow, new Transactor() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                return work.get();
            }
        });
        recorder.record(id, Instant.parse("2026-03-10T12:00:00Z"));
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            Future<?> flush = threads.submit(recorder::flush);
            writing.await();
            Thread[] reader = new Thread[1];
            Future<Map<LocalDate, Long>> read = threads.submit(() -> {
                reader[0] = Thread.currentThread();
                return recorder.usage(id, LocalDate.MIN, LocalDate.MAX);
            });
            while (!read.isDone() && (reader[0] == null || reader[0].getState() != Thread.State.TIMED_WAITING)) {
                Thread.onSpinWait();
            }
            release.countDown();
            flush.get();
            assertThat(read.get()).as("neither lost between memory and the store, nor counted twice")
                    .isEqualTo(Map.of(LocalDate.parse("2026-03-10"), 1L));
        }
    }

    @Test
    void whoMayViewTheKeyMayReadItsUsageAndNobodyElse() {
        exchangeAt(Instant.parse("2026-03-10T08:00:00Z"));
        assertThat(s.apiKeys.usage(OWNER, id, 1).total()).as("the owner administers the account").isEqualTo(1);
        refused(ErrorCode.FORBIDDEN, () -> s.apiKeys.usage(bob, id, 1));
        refused(ErrorCode.FORBIDDEN, () -> s.apiKeys.usage(STRANGER, id, 1));
        s.grantOnIdentity(bob, Role.ADMINISTRATOR);
        assertThat(s.apiKeys.usage(bob, id, 1).total()).isEqualTo(1);
        refused(ErrorCode.NOT_FOUND, () -> s.apiKeys.usage(alice, "ApiKey-none", 1));
    }

    @Test
    void daysMustBeFromOneToNinety() {
        for (int bad : new int[] {0, -1, 91, Integer.MAX_VALUE}) {
            assertThatThrownBy(() -> s.apiKeys.usage(alice, id, bad)).isInstanceOfSatisfying(DomainException.class,
                    e -> {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
                        assertThat(e.getMessage()).contains("'days'").contains("1 to 90");
                    });
        }
        assertThat(s.apiKeys.usage(alice, id, 1).days()).hasSize(1);
        assertThat(s.apiKeys.usage(alice, id, 90).days()).hasSize(90);
    }

    @Test
    void daysOlderThanNinetyAreDeletedAndADeletedKeyTakesItsDays() {
        KeyUsageStore store = s.stores.keyUsage;
        String other = s.apiKeys.create(alice, new CreateApiKey("other", alice.iamId(), null, null, null, null, null,
                null, null, false, false)).key().id();
        Instant now = Instant.parse("2026-06-30T12:00:00Z");
        LocalDate firstKept = LocalDate.parse("2026-04-02"); // June 30 and the 89 days before it
        Instant onFirstKept = firstKept.atTime(8, 0).toInstant(ZoneOffset.UTC);
        // one batch per key: a batch names its keys in id order, and these ids are random
        store.add(KeyUses.builder(1).key(id, onFirstKept, 12).day(firstKept.minusDays(1), 5).day(firstKept, 7)
                .build());
        store.add(KeyUses.builder(1).key(other, now, 3).day(firstKept.minusDays(30), 1)
                .day(LocalDate.parse("2026-06-30"), 2).build());
        store.add(KeyUses.builder(1).oneDay("ApiKey-gone", onFirstKept, 1).build());

        assertThat(s.activity.pruneUsage(now)).isEqualTo(2);
        assertThat(store.usage(id, LocalDate.MIN, LocalDate.MAX)).isEqualTo(Map.of(firstKept, 7L));
        assertThat(store.usage("ApiKey-gone", LocalDate.MIN, LocalDate.MAX))
                .as("stored without a look at the keys (decision 0053), kept until it falls out of retention")
                .isEqualTo(Map.of(firstKept, 1L));
        s.apiKeys.delete(alice, other);
        assertThat(store.usage(other, LocalDate.MIN, LocalDate.MAX)).isEmpty();
        assertThat(s.activity.pruneUsage(now.plus(Duration.ofDays(1)))).as("id's first kept day and the gone key's")
                .isEqualTo(2);
        assertThat(store.usage("ApiKey-gone", LocalDate.MIN, LocalDate.MAX)).isEmpty();
    }
}
