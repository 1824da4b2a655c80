package dev.latchkey.store;

import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
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
     * before the read.
     */
    private record Entry<V>(V value, long currentAt, long mark) {
        Entry<V> vouchedForAt(long now) {
            return new Entry<>(value, now, mark);
        }
    }

    private final LoadingCache<String, Entry<V>> entries;
    private final Function<String, V> read;
    private final FeedCoverage coverage;
    private final Ticker ticker;
    private final long ttlNanos;
    private final long staleMaxNanos;
    private final LongAdder staleAnswers = new LongAdder();

    /** With {@code recordStats}, Caffeine's statistics are kept for the metrics ({@link CacheMonitor}). */
    StaleOnOutageCache(Duration ttl, Duration staleMax, long maximumSize, FeedCoverage coverage,
                       Function<String, V> read, Ticker ticker, boolean recordStats) {
        this.read = read;
        this.coverage = coverage;
        this.ticker = ticker;
        this.ttlNanos = ttl.toNanos();
        this.staleMaxNanos = Math.max(ttl.toNanos(), staleMax.toNanos());
        Caffeine<Object, Object> builder = Caffeine.newBuilder().ticker(ticker)
                .expireAfterWrite(Duration.ofNanos(staleMaxNanos)).refreshAfterWrite(ttl.dividedBy(2))
                .maximumSize(maximumSize);
        if (recordStats) {
            builder.recordStats();
        }
        this.entries = builder.build(new CacheLoader<>() {
                    @Override
                    public Entry<V> load(String key) {
                        return readEntry(key);
                    }

                    /**
                     * A background re-read: none while the feed vouches for the entry (it is current as of now);
                     * one that finds the database down keeps the entry, with its old time.
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
        return coverage.covers(entry.mark(), ttlNanos);
    }

    /** The value for {@code key}, null when the database has none. */
    public V get(String key) {
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        long now = ticker.read();
        long age = now - entry.currentAt();
        if (age <= ttlNanos) {
            return entry.value();
        }
        if (covered(entry)) {
            // Current as of now, as far as the outage window counts too; over the entry it replaces only (below).
            entries.asMap().replace(key, entry, entry.vouchedForAt(now));
            return entry.value();
        }
        Entry<V> fresh;
        try {
            fresh = readEntry(key);
        } catch (RuntimeException e) {
            if (age <= staleMaxNanos && Database.isUnavailable(e)) {
                staleAnswers.increment();
                return entry.value();
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
        return fresh.value();
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
