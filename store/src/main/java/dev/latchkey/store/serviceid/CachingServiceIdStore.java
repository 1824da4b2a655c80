package dev.latchkey.store.serviceid;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.latchkey.core.apikey.HistoryEntry;
import dev.latchkey.core.common.Page;
import dev.latchkey.core.serviceid.ServiceId;
import dev.latchkey.core.serviceid.ServiceIdQuery;
import dev.latchkey.core.serviceid.ServiceIdStore;
import dev.latchkey.store.ChangeFeed;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the service IDs the token hot path reads ({@link #findForToken}) in memory. Management reads
 * ({@link #find}) always go to the database. Evictions come through the {@link ChangeFeed}, as for API keys: an
 * update or delete publishes the service ID's id in its transaction, and every node, this one right after the
 * commit, forgets it; {@code ttl} bounds staleness while the feed is down. Absent rows are not cached, so an
 * insert needs no eviction. Thread-safe.
 */
public final class CachingServiceIdStore implements ServiceIdStore {
    private final ServiceIdStore delegate;
    private final Cache<String, ServiceId> byId;

    public CachingServiceIdStore(ServiceIdStore delegate, ChangeFeed changes, Duration ttl, long maximumSize) {
        this.delegate = delegate;
        this.byId = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maximumSize).build();
        changes.subscribe(JdbcServiceIdStore.TOPIC, byId::invalidate, byId::invalidateAll);
    }

    @Override
    public Optional<ServiceId> findForToken(String id) {
        ServiceId cached = byId.getIfPresent(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<ServiceId> found = delegate.find(id);
        found.ifPresent(s -> byId.put(id, s));
        return found;
    }

    @Override
    public Optional<ServiceId> find(String id) {
        return delegate.find(id);
    }

    @Override
    public void insert(ServiceId serviceId, HistoryEntry entry) {
        delegate.insert(serviceId, entry);
    }

    @Override
    public boolean update(ServiceId serviceId, long expectedVersion, HistoryEntry entry) {
        return delegate.update(serviceId, expectedVersion, entry);
    }

    @Override
    public boolean delete(String id, long expectedVersion) {
        return delegate.delete(id, expectedVersion);
    }

    @Override
    public Page<ServiceId> list(ServiceIdQuery query) {
        return delegate.list(query);
    }

    @Override
    public List<HistoryEntry> history(String id) {
        return delegate.history(id);
    }
}
