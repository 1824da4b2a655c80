package dev.latchkey.store.apikey;

import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.latchkey.core.apikey.Activity;
import dev.latchkey.core.apikey.ApiKey;
import dev.latchkey.core.apikey.ApiKeyQuery;
import dev.latchkey.core.apikey.ApiKeyStore;
import dev.latchkey.core.apikey.HistoryEntry;
import dev.latchkey.core.common.Page;
import dev.latchkey.store.ChangeFeed;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps the hot-path lookup (key by hash) in memory. Every write through this store evicts the key it changes;
 * writes made by other nodes are bounded by {@code ttl} (and by cross-node invalidation where configured).
 * Unknown hashes are not cached, so a key created elsewhere works at once. Thread-safe.
 */
public final class CachingApiKeyStore implements ApiKeyStore {
    private final ApiKeyStore delegate;
    private final LoadingCache<String, ApiKey> byHash;

    /**
     * Entries are re-read in the background once half of {@code ttl} has passed, so hot keys never wait on the
     * database, and are dropped at {@code ttl}; concurrent misses for one hash share a single read.
     */
    public CachingApiKeyStore(ApiKeyStore delegate, Duration ttl, long maximumSize) {
        this.delegate = delegate;
        this.byHash = Caffeine.newBuilder().expireAfterWrite(ttl).refreshAfterWrite(ttl.dividedBy(2))
                .maximumSize(maximumSize).build(hash -> delegate.findByHash(hash).orElse(null));
    }

    @Override
    public Optional<ApiKey> findByHash(String hash) {
        return Optional.ofNullable(byHash.get(hash));
    }

    /** Applies a change another node published: {@code key:<hash>} evicts one key, anything else all of them. */
    public void onChange(String payload) {
        String prefix = JdbcApiKeyStore.TOPIC + ":";
        if (payload.startsWith(prefix) && !payload.endsWith(ChangeFeed.ALL)) {
            byHash.invalidate(payload.substring(prefix.length()));
        } else if (payload.equals(ChangeFeed.ALL) || payload.startsWith(prefix)) {
            byHash.invalidateAll();
        }
    }

    @Override
    public void insert(ApiKey key, byte[] sealedValue, HistoryEntry entry) {
        delegate.insert(key, sealedValue, entry);
        byHash.invalidate(key.hash());
    }

    @Override
    public Optional<byte[]> sealedValue(String id) {
        return delegate.sealedValue(id);
    }

    @Override
    public List<ApiKey> deleteForIdentity(String accountId, String iamId) {
        List<ApiKey> deleted = delegate.deleteForIdentity(accountId, iamId);
        deleted.forEach(key -> byHash.invalidate(key.hash()));
        return deleted;
    }

    @Override
    public boolean update(ApiKey key, long expectedVersion, HistoryEntry entry) {
        boolean written = delegate.update(key, expectedVersion, entry);
        byHash.invalidate(key.hash());
        return written;
    }

    @Override
    public boolean delete(String id, long expectedVersion) {
        Optional<ApiKey> existing = delegate.find(id);
        boolean deleted = delegate.delete(id, expectedVersion);
        existing.ifPresent(key -> byHash.invalidate(key.hash()));
        return deleted;
    }

    @Override
    public Optional<ApiKey> find(String id) {
        return delegate.find(id);
    }

    @Override
    public Page<ApiKey> list(ApiKeyQuery query) {
        return delegate.list(query);
    }

    @Override
    public int countForIdentity(String accountId, String iamId) {
        return delegate.countForIdentity(accountId, iamId);
    }

    @Override
    public List<HistoryEntry> history(String id) {
        return delegate.history(id);
    }

    @Override
    public void addActivity(Map<String, Activity> deltas) {
        delegate.addActivity(deltas);
    }

    @Override
    public Activity activity(String id) {
        return delegate.activity(id);
    }
}
