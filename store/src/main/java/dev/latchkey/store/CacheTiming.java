package dev.latchkey.store;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;

/**
 * How the token path's caches keep what they read: {@code ttl} bounds how stale an answer may be while the
 * database is up and the change feed cannot vouch for it (decision record 0040); {@code staleMax} how long a value may still be answered while the
 * database cannot be reached ({@link StaleOnOutageCache}); {@code maximumSize} entries per cache; {@code monitor}
 * shows each cache to the metrics ({@link CacheMonitor#NONE}: none).
 */
public record CacheTiming(Duration ttl, Duration staleMax, long maximumSize, CacheMonitor monitor) {
    public CacheTiming {
        if (ttl.isNegative() || ttl.isZero() || staleMax.compareTo(ttl) < 0 || maximumSize < 1) {
            throw new IllegalArgumentException("cache timing needs ttl > 0, staleMax >= ttl, maximumSize >= 1");
        }
    }

    /** Unwatched caches of these timings. */
    public CacheTiming(Duration ttl, Duration staleMax, long maximumSize) {
        this(ttl, staleMax, maximumSize, CacheMonitor.NONE);
    }

    /** The same timings, every cache shown to {@code value}. */
    public CacheTiming withMonitor(CacheMonitor value) {
        return new CacheTiming(ttl, staleMax, maximumSize, value);
    }

    /**
     * A cache of these timings called {@code name} (in the metrics), reading with {@code read}, answering past the
     * TTL what {@code changes} vouches for ({@link StaleOnOutageCache}).
     */
    public <V> StaleOnOutageCache<V> cache(String name, FeedCoverage changes, java.util.function.Function<String, V> read) {
        StaleOnOutageCache<V> cache = new StaleOnOutageCache<>(ttl, staleMax, maximumSize, changes, read,
                Ticker.systemTicker(), monitor != CacheMonitor.NONE);
        monitor.watch(name, cache.entries(), cache::staleAnswers);
        return cache;
    }
}
