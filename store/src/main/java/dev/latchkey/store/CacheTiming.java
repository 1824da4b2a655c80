package dev.latchkey.store;

import java.time.Duration;

/**
 * How the token path's caches keep what they read: {@code ttl} bounds how stale an answer may be while the
 * database is up and the change feed is down; {@code staleMax} how long a value may still be answered while the
 * database cannot be reached ({@link StaleOnOutageCache}); {@code maximumSize} entries per cache.
 */
public record CacheTiming(Duration ttl, Duration staleMax, long maximumSize) {
    public CacheTiming {
        if (ttl.isNegative() || ttl.isZero() || staleMax.compareTo(ttl) < 0 || maximumSize < 1) {
            throw new IllegalArgumentException("cache timing needs ttl > 0, staleMax >= ttl, maximumSize >= 1");
        }
    }

    /** A cache of these timings, reading with {@code read}. */
    public <V> StaleOnOutageCache<V> cache(java.util.function.Function<String, V> read) {
        return new StaleOnOutageCache<>(ttl, staleMax, maximumSize, read);
    }
}
