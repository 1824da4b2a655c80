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
 *       is answered, as a plain TTL cache would.</li>
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
    private record Entry<V>(V value, long readAt) {
    }

    private final LoadingCache<String, Entry<V>> entries;
    private final Function<String, V> read;
    private final Ticker ticker;
    private final long ttlNanos;
    private final long staleMaxNanos;
    private final LongAdder staleAnswers = new LongAdder();

    /** With {@code recordStats}, Caffeine's statistics are kept for the metrics ({@link CacheMonitor}). */
    StaleOnOutageCache(Duration ttl, Duration staleMax, long maximumSize, Function<String, V> read, Ticker ticker,
                       boolean recordStats) {
        this.read = read;
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
                        return entryOf(read.apply(key));
                    }

                    /** A background re-read that finds the database down keeps the entry, with its old read time. */
                    @Override
                    public Entry<V> reload(String key, Entry<V> old) {
                        try {
                            return entryOf(read.apply(key));
                        } catch (RuntimeException e) {
                            if (Database.isUnavailable(e)) {
                                return old;
                            }
                            throw e;
                        }
                    }
                });
    }

    private Entry<V> entryOf(V value) {
        return value == null ? null : new Entry<>(value, ticker.read());
    }

    /** The value for {@code key}, null when the database has none. */
    public V get(String key) {
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        long age = ticker.read() - entry.readAt();
        if (age <= ttlNanos) {
            return entry.value();
        }
        V fresh;
        try {
            fresh = read.apply(key);
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
        } else {
            entries.asMap().replace(key, entry, new Entry<>(fresh, ticker.read()));
        }
        return fresh;
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
