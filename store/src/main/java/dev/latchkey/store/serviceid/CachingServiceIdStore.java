package dev.latchkey.store.serviceid;

import dev.latchkey.core.common.HistoryEntry;
import dev.latchkey.core.common.Page;
import dev.latchkey.core.serviceid.ServiceId;
import dev.latchkey.core.serviceid.ServiceIdQuery;
import dev.latchkey.core.serviceid.ServiceIdStore;
import dev.latchkey.store.CacheTiming;
import dev.latchkey.store.ChangeFeed;
import dev.latchkey.store.StaleOnOutageCache;
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
    private final StaleOnOutageCache<ServiceId> byId;

    /** Timings and outage behaviour: {@link StaleOnOutageCache}. */
    public CachingServiceIdStore(ServiceIdStore delegate, ChangeFeed changes, CacheTiming timing) {
        this.delegate = delegate;
        this.byId = timing.cache("service_ids", changes, id -> delegate.find(id).orElse(null));
        changes.subscribe(JdbcServiceIdStore.TOPIC, byId::invalidate, byId::invalidateAll);
    }

    @Override
    public Optional<ServiceId> findForToken(String id) {
        return Optional.ofNullable(byId.get(id));
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
