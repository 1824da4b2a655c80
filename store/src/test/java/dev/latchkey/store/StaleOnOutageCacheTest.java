package dev.latchkey.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLTransientConnectionException;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.jdbi.v3.core.ConnectionException;
import org.junit.jupiter.api.Test;

/** What the token path's cache answers while the database is up, down, and down for too long. */
class StaleOnOutageCacheTest {
    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    /** The feed's state as the cache sees it: listening on connection {@code epoch} while {@code vouching}. */
    private final AtomicLong epoch = new AtomicLong(1);
    private final java.util.concurrent.atomic.AtomicBoolean vouching = new java.util.concurrent.atomic.AtomicBoolean();
    private final FeedCoverage feed = new FeedCoverage() {
        @Override
        public long mark() {
            return vouching.get() ? epoch.get() : FeedCoverage.NOT_COVERED;
        }

        @Override
        public boolean covers(long mark, long withinNanos) {
            return vouching.get() && mark == epoch.get();
        }
    };
    private final StaleOnOutageCache<String> cache = new StaleOnOutageCache<>(Duration.ofSeconds(5),
            Duration.ofSeconds(60), 100, feed, key -> {
                reads.incrementAndGet();
                if (failure.get() != null) {
                    throw failure.get();
                }
                return key.startsWith("absent") ? null : key + "@" + now.get();
            }, now::get, false);

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    /**
     * Waits for the background re-reads Caffeine started on its own executor, so that none lands after the test has
     * moved on (one that ran after the feed stopped vouching, and before the outage began, read the row again).
     */
    private void settle() {
        cache.entries().policy().refreshes().values().forEach(refresh -> refresh.handle((value, e) -> null).join());
    }

    private static RuntimeException outage() {
        return new ConnectionException(new SQLTransientConnectionException("unreachable", "08001"));
    }

    /** A cache of {@code size} entries that counts as the metrics see it, reading as {@link #cache} does. */
    private StaleOnOutageCache<String> countingCache(int size) {
        return new StaleOnOutageCache<>(Duration.ofSeconds(5), Duration.ofSeconds(60), size, feed, key -> {
            reads.incrementAndGet();
            return key + "@" + now.get();
        }, now::get, true);
    }

    @Test
    void onceFullAKeyMissedOnceIsAnsweredAndLetGoWithoutPushingOutAnEntry() {
        StaleOnOutageCache<String> full = countingCache(100);
        IntStream.range(0, 100).forEach(i -> full.get("kept-" + i));
        full.entries().cleanUp();
        for (int i = 0; i < 50; i++) {
            assertThat(full.get("once-" + i)).isEqualTo("once-" + i + "@0");
        }
        full.entries().cleanUp();
        assertThat(full.entries().asMap().keySet()).hasSize(100).allMatch(k -> k.startsWith("kept-"));
        IntStream.range(0, 100).forEach(i -> full.get("kept-" + i));
        assertThat(reads).as("the kept entries still answer without a read").hasValue(150);
        CacheStats stats = full.entries().stats();
        assertThat(stats.missCount()).isEqualTo(150);
        assertThat(stats.hitCount()).isEqualTo(100);
        assertThat(stats.loadSuccessCount()).isEqualTo(150);
        assertThat(stats.evictionCount()).isZero();
    }

    @Test
    void onceFullAKeyMissedAgainGetsTheCachesOwnChoice() {
        StaleOnOutageCache<String> full = countingCache(100);
        IntStream.range(0, 100).forEach(i -> full.get("kept-" + i));
        full.get("twice");
        full.entries().cleanUp();
        assertThat(full.entries().stats().evictionCount()).isZero();
        full.get("twice");
        full.entries().cleanUp();
        // Stored, and then Caffeine's own admission kept it or the entry it would have replaced: one went.
        assertThat(full.entries().stats().evictionCount()).isEqualTo(1);
        assertThat(full.entries().stats().missCount()).isEqualTo(102);
    }

    @Test
    void aCacheThatIsNotFullKeepsEveryValueOnItsFirstMiss() {
        StaleOnOutageCache<String> roomy = countingCache(100);
        IntStream.range(0, 99).forEach(i -> roomy.get("k-" + i));
        IntStream.range(0, 99).forEach(i -> roomy.get("k-" + i));
        assertThat(reads).hasValue(99);
    }

    @Test
    void aValueIsReadOnceWithinTheTtlAndAgainAfterIt() {
        assertThat(cache.get("k")).isEqualTo("k@0");
        advance(Duration.ofSeconds(2));
        assertThat(cache.get("k")).isEqualTo("k@0");
        assertThat(reads).hasValue(1);
        advance(Duration.ofSeconds(4)); // 6 s: older than the TTL, read before it is answered
        assertThat(cache.get("k")).isEqualTo("k@" + Duration.ofSeconds(6).toNanos());
    }

    @Test
    void absentRowsAreNotCached() {
        assertThat(cache.get("absent")).isNull();
        assertThat(cache.get("absent")).isNull();
        assertThat(reads).hasValue(2);
    }

    @Test
    void inAnOutageAValueIsAnsweredUpToStaleMaxAfterItsLastReadThenTheOutageShows() {
        cache.get("k");
        failure.set(outage());
        advance(Duration.ofSeconds(30));
        assertThat(cache.get("k")).isEqualTo("k@0");
        assertThat(cache.staleAnswers()).isEqualTo(1);
        advance(Duration.ofSeconds(31)); // 61 s after the last good read
        assertThatThrownBy(() -> cache.get("k")).isInstanceOf(ConnectionException.class);
        assertThatThrownBy(() -> cache.get("never-read")).as("nothing to answer with").isInstanceOf(ConnectionException.class);
    }

    @Test
    void aFaultThatIsNotAnOutageIsNeverHiddenByAStaleValue() {
        cache.get("k");
        failure.set(new IllegalStateException("a broken statement"));
        advance(Duration.ofSeconds(10));
        assertThatThrownBy(() -> cache.get("k")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anEvictedValueIsReadAgainAndFailsInAnOutage() {
        cache.get("k");
        cache.invalidate("k");
        failure.set(outage());
        assertThatThrownBy(() -> cache.get("k")).isInstanceOf(ConnectionException.class);
    }

    @Test
    void anEvictionThatArrivesWhileAnOldValueIsReadAgainIsNotUndoneByThatRead() {
        Thread caller = Thread.currentThread();
        AtomicReference<String> row = new AtomicReference<>("enabled");
        AtomicReference<Runnable> duringRead = new AtomicReference<>();
        StaleOnOutageCache<String> keys = new StaleOnOutageCache<>(Duration.ofSeconds(5), Duration.ofSeconds(60),
                100, FeedCoverage.NONE, key -> {
                    if (Thread.currentThread() != caller) {
                        // Caffeine's background re-read: kept from replacing the entry, so the re-read below is get's.
                        throw outage();
                    }
                    String read = row.get();
                    // The change commits on another node and its eviction arrives after this row was read.
                    Runnable hook = duringRead.getAndSet(null);
                    if (hook != null) {
                        hook.run();
                    }
                    return read;
                }, now::get, false);
        assertThat(keys.get("k")).isEqualTo("enabled");
        advance(Duration.ofSeconds(6)); // older than the TTL: read again before it is answered
        duringRead.set(() -> {
            row.set("disabled");
            keys.invalidate("k");
        });
        assertThat(keys.get("k")).as("this answer was read before the change").isEqualTo("enabled");
        assertThat(duringRead.get()).as("the eviction arrived during that read").isNull();
        assertThat(keys.get("k")).as("the eviction holds: the next answer is read again").isEqualTo("disabled");
    }

    @Test
    void aValueTheFeedVouchesForIsAnsweredPastTheTtlWithoutReadingItAgain() {
        vouching.set(true);
        assertThat(cache.get("k")).isEqualTo("k@0");
        Object entry = cache.entries().asMap().get("k");
        for (int i = 0; i < 10; i++) {
            advance(Duration.ofSeconds(4)); // past the TTL, and past the half-TTL of Caffeine's background re-reads
            assertThat(cache.get("k")).isEqualTo("k@0");
            settle();
        }
        assertThat(reads).as("one read: the feed would have evicted it on any change").hasValue(1);
        assertThat(cache.entries().asMap().get("k")).as("vouched for in place, not made anew (decision 0056)")
                .isSameAs(entry);
        cache.invalidate("k");
        assertThat(cache.get("k")).as("an eviction still reads it again").isEqualTo("k@" + Duration.ofSeconds(40).toNanos());
    }

    @Test
    void whenTheFeedStopsVouchingTheTtlBoundsStalenessAgain() {
        vouching.set(true);
        cache.get("k");
        vouching.set(false); // the listening connection was lost, or its heartbeat is overdue
        advance(Duration.ofSeconds(6));
        assertThat(cache.get("k")).as("read again").isEqualTo("k@" + Duration.ofSeconds(6).toNanos());
    }

    @Test
    void aValueReadBeforeTheFeedsCurrentConnectionIsNotVouchedFor() {
        vouching.set(true);
        cache.get("k");
        epoch.incrementAndGet(); // reconnected: changes made while it was down never reached the cache
        advance(Duration.ofSeconds(6));
        assertThat(cache.get("k")).isEqualTo("k@" + Duration.ofSeconds(6).toNanos());
        advance(Duration.ofSeconds(6));
        assertThat(cache.get("k")).as("read on the new connection: vouched for").isEqualTo("k@" + Duration.ofSeconds(6).toNanos());
    }

    @Test
    void aValueReadWhileTheFeedWasDownIsNotVouchedForOnceItIsBack() {
        cache.get("k"); // marked while not listening
        vouching.set(true);
        advance(Duration.ofSeconds(6));
        assertThat(cache.get("k")).as("read again").isEqualTo("k@" + Duration.ofSeconds(6).toNanos());
    }

    @Test
    void aValueTheFeedVouchedForCountsAsCurrentUntilItStoppedForTheOutageWindow() {
        vouching.set(true);
        cache.get("k");
        for (int i = 0; i < 20; i++) {
            advance(Duration.ofSeconds(4)); // 80 s in all: longer ago than staleMax (60 s) it was read
            cache.get("k");
            settle();
        }
        vouching.set(false); // the database goes away, and the feed's connection with it
        failure.set(outage());
        advance(Duration.ofSeconds(30));
        assertThat(cache.get("k")).as("vouched for 30 s ago: within the outage window").isEqualTo("k@0");
        advance(Duration.ofSeconds(31));
        assertThatThrownBy(() -> cache.get("k")).isInstanceOf(ConnectionException.class);
    }
}
