package dev.latchkey.store;

import com.github.benmanes.caffeine.cache.Cache;
import java.util.function.LongSupplier;

/**
 * Shows the token path's caches to the operator's metrics: {@link #watch} is called once for each cache as it is
 * built, with its name ({@code api_keys}, {@code users}, {@code memberships}, {@code service_ids},
 * {@code account_settings}); such a cache records its statistics (hits, misses, loads, evictions), and
 * {@code staleAnswers} counts the values it answered past its TTL while the database was down. With
 * {@link #NONE} nothing is watched and no statistics are recorded, which costs nothing.
 */
@FunctionalInterface
public interface CacheMonitor {
    void watch(String name, Cache<String, ?> cache, LongSupplier staleAnswers);

    CacheMonitor NONE = (name, cache, staleAnswers) -> {
    };
}
