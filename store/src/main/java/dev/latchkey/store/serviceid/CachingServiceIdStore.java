package dev.latchkey.store.serviceid;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.latchkey.core.apikey.HistoryEntry;
import dev.latchkey.core.common.Page;
import dev.latchkey.core.serviceid.ServiceId;
import dev.latchkey.core.serviceid.ServiceIdQuery;
import dev.latchkey.core.serviceid.ServiceIdStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the service IDs the token hot path reads ({@link #findForToken}) in memory. Management reads
 * ({@link #find}) always go to the database. Every write through this store evicts the service ID it changes,
 * so a deleted service ID's keys fail at once on this node; other nodes' writes are bounded by {@code ttl}.
 * Absent rows are not cached. Thread-safe.
 */
public final class CachingServiceIdStore implements ServiceIdStore {
    private final ServiceIdStore delegate;
    private final Cache<String, ServiceId> byId;

    public CachingServiceIdStore(ServiceIdStore delegate, Duration ttl, long maximumSize) {
        this.delegate = delegate;
        this.byId = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maximumSize).build();
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
        byId.invalidate(serviceId.id());
    }

    @Override
    public boolean update(ServiceId serviceId, long expectedVersion, HistoryEntry entry) {
        boolean written = delegate.update(serviceId, expectedVersion, entry);
        byId.invalidate(serviceId.id());
        return written;
    }

    @Override
    public boolean delete(String id, long expectedVersion) {
        boolean deleted = delegate.delete(id, expectedVersion);
        byId.invalidate(id);
        return deleted;
    }

    @Override
    public Page<ServiceId> list(ServiceIdQuery query) {
        return delegate.list(query);
    }

    @Override
    public List<HistoryEntry> history(String id) {
        return delegate.history(id);
    }

    /** Forgets everything cached; used when another node reports a change. */
    public void invalidateAll() {
        byId.invalidateAll();
    }
}
