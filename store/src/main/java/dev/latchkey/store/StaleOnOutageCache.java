package dev.latchkey.store;

import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.ConcurrentStatsCounter;
import com.github.benmanes.caffeine.cache.stats.StatsCounter;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * The token path's read-through cache, by string key, of values read from the database (null: absent, and not
 * cached, so a row created elsewhere is found at once).
 *
 * <ul>
 *   <li>A value is re-read in the background once half of {@code ttl} has passed, so hot entries never wait on
 *       the database; concurrent misses for one key share one read.</li>
 *   <li>A value older than {@code ttl} (the background reads failed, or nobody asked for it) is re-read before it
 *       is answered, as a plain TTL cache would,</li>
 *   <li>unless the change feed vouches for it ({@link FeedCoverage#covers}: the connection it listened on when the
 *       value was read is still up and alive within {@code ttl}, or H2's single writer). Then every change since
 *       the read would have evicted it, so it is answered as it is, and the background re-reads are skipped too:
 *       a value costs one read until it changes or leaves the cache (decision record 0040). {@code ttl} then only
 *       bounds staleness while the feed cannot vouch.</li>
 *   <li>Except when that read fails because the database is unreachable ({@link Database#isUnavailable}): then
 *       the value is answered as it is, up to {@code staleMax} after it was last read. Nobody can revoke anything
 *       while the database is down either, and the change feed evicts everything once it reconnects. A value
 *       older than {@code staleMax}, or a key never read, fails as the database does.</li>
 *   <li>Once the cache holds {@code maximumSize} entries, a missed key's value is kept only if the key was missed
 *       lately before ({@link Doorkeeper}); otherwise it is read, answered and let go. A key asked for once does
 *       not push out one in use, and values that would have lived a few seconds in the cache (long enough to
 *       reach the old generation, short enough to die there) are not made: decision record 0055.</li>
 * </ul>
 *
 * Evictions come from the {@link ChangeFeed} through {@link #invalidate} and {@link #invalidateAll}; one that arrives
 * while a value is being read wins over that read (Caffeine drops such a load or refresh, and {@link #get} stores
 * its own re-read only over the entry it replaces), so a row read before a change cannot outlive its eviction.
 * Thread-safe.
 */
public final class StaleOnOutageCache<V> {
    /**
     * {@code currentAt}: when the value was last known to be current (read, or vouched for by the feed since), which
     * is what the TTL and {@code staleMax} count from; {@code mark}: the feed's {@link FeedCoverage#mark} taken
     * before the read. A vouch moves {@code currentAt} in place rather than making a new entry: entries of the
     * caches that most requests hit are vouched for thousands of times a second under load, and each new one would
     * have lived long enough to reach the old generation and died there (decision record 0056). An entry the feed
     * evicted meanwhile is vouched for in vain, as before: it is no longer in the cache.
     */
    private static final class Entry<V> {
        final V value;
        final long mark;
        volatile long currentAt;

        Entry(V value, long currentAt, long mark) {
            this.value = value;
            this.currentAt = currentAt;
            this.mark = mark;
        }

        Entry<V> vouchedForAt(long now) {
            currentAt = now;
            return this;
        }
    }

    private final LoadingCache<String, Entry<V>> entries;
    private final Function<String, V> read;
    private final FeedCoverage coverage;
    private final Ticker ticker;
    private final long ttlNanos;
    private final long staleMaxNanos;
    private final long maximumSize;
    /** Caffeine's own statistics, which {@link #get} also counts into for the reads it makes past Caffeine. */
    private final StatsCounter stats;
    /** Made when the cache first fills: a cache that never fills (most of them) keeps every value it reads. */
    private volatile Doorkeeper doorkeeper;
    private final LongAdder staleAnswers = new LongAdder();

    /** With {@code recordStats}, Caffeine's statistics are kept for the metrics ({@link CacheMonitor}). */
    StaleOnOutageCache(Duration ttl, Duration staleMax, long maximumSize, FeedCoverage coverage,
                       Function<String, V> read, Ticker ticker, boolean recordStats) {
        this.read = read;
        this.coverage = coverage;
        this.ticker = ticker;
        this.ttlNanos = ttl.toNanos();
        this.staleMaxNanos = Math.max(ttl.toNanos(), staleMax.toNanos());
        this.maximumSize = maximumSize;
        this.stats = recordStats ? new ConcurrentStatsCounter() : StatsCounter.disabledStatsCounter();
        Caffeine<Object, Object> builder = Caffeine.newBuilder().ticker(ticker)
                .expireAfterWrite(Duration.ofNanos(staleMaxNanos)).refreshAfterWrite(ttl.dividedBy(2))
                .maximumSize(maximumSize);
        if (recordStats) {
            builder.recordStats(() -> stats);
        }
        this.entries = builder.build(new CacheLoader<>() {
                    @Override
                    public Entry<V> load(String key) {
                        return readEntry(key);
                    }

                    /**
                     * A background re-read: none while the feed vouches for the entry (it is current as of now, and
                     * Caffeine keeps the same instance, restarting its write time); one that finds the database down
                     * keeps the entry, with its old time.
                     */
                    @Override
                    public Entry<V> reload(String key, Entry<V> old) {
                        if (covered(old)) {
                            return old.vouchedForAt(ticker.read());
                        }
                        try {
                            return readEntry(key);
                        } catch (RuntimeException e) {
                            if (Database.isUnavailable(e)) {
                                return old;
                            }
                            throw e;
                        }
                    }
                });
    }

    /** Reads {@code key}, marked with the feed's coverage taken before the read (null: absent). */
    private Entry<V> readEntry(String key) {
        long mark = coverage.mark();
        V value = read.apply(key);
        return value == null ? null : new Entry<>(value, ticker.read(), mark);
    }

    private boolean covered(Entry<V> entry) {
        return coverage.covers(entry.mark, ttlNanos);
    }

    /** The value for {@code key}, null when the database has none. */
    public V get(String key) {
        // asMap().get looks up and refreshes as entries.get does, and counts nothing: the branches count.
        Entry<V> entry = entries.asMap().get(key);
        if (entry != null) {
            stats.recordHits(1);
        } else if (keeps(key)) {
            entry = entries.get(key); // counts its miss and its read
            if (entry == null) {
                return null;
            }
        } else {
            stats.recordMisses(1);
            return readWithoutKeeping(key);
        }
        long now = ticker.read();
        long age = now - entry.currentAt;
        if (age <= ttlNanos) {
            return entry.value;
        }
        if (covered(entry)) {
            // Current as of now, as far as the outage window counts too. The same entry goes back over itself only:
            // Caffeine's own write time, by which it expires the entry after staleMax, restarts at once (not only
            // when a background refresh gets to it), and an eviction that arrived meanwhile is not undone.
            entries.asMap().replace(key, entry, entry.vouchedForAt(now));
            return entry.value;
        }
        Entry<V> fresh;
        try {
            fresh = readEntry(key);
        } catch (RuntimeException e) {
            if (age <= staleMaxNanos && Database.isUnavailable(e)) {
                staleAnswers.increment();
                return entry.value;
            }
            throw e;
        }
        // Only over the entry this read replaces: an eviction from the change feed that arrived while the row was
        // being read (the row may predate the change) removed it, and must not be undone by putting the row back.
        if (fresh == null) {
            entries.asMap().remove(key, entry);
            return null;
        }
        entries.asMap().replace(key, entry, fresh);
        return fresh.value;
    }

    /** Whether a missed key's value is to be kept: always while the cache is not full, else on its second miss. */
    private boolean keeps(String key) {
        if (entries.estimatedSize() < maximumSize) {
            return true;
        }
        Doorkeeper gate = doorkeeper;
        if (gate == null) {
            synchronized (this) {
                gate = doorkeeper;
                if (gate == null) {
                    gate = new Doorkeeper((int) Math.min(maximumSize, 1 << 26));
                    doorkeeper = gate;
                }
            }
        }
        return gate.letIn(key);
    }

    /** Reads {@code key} for this one answer, counted as Caffeine counts a load (an absent row as a failed one). */
    private V readWithoutKeeping(String key) {
        long start = System.nanoTime();
        try {
            Entry<V> read = readEntry(key);
            if (read == null) {
                stats.recordLoadFailure(System.nanoTime() - start);
                return null;
            }
            stats.recordLoadSuccess(System.nanoTime() - start);
            return read.value;
        } catch (RuntimeException e) {
            stats.recordLoadFailure(System.nanoTime() - start);
            throw e;
        }
    }

    public void invalidate(String key) {
        entries.invalidate(key);
    }

    public void invalidateAll() {
        entries.invalidateAll();
    }

    /** The Caffeine cache underneath, for a {@link CacheMonitor} to read its statistics and size; not to change. */
    com.github.benmanes.caffeine.cache.Cache<String, ?> entries() {
        return entries;
    }

    /** How many answers came from values older than the TTL because the database was unreachable. */
    public long staleAnswers() {
        return staleAnswers.sum();
    }
}
