package dev.latchkey.store.apikey;

import dev.latchkey.core.apikey.Activity;
import dev.latchkey.core.apikey.ApiKey;
import dev.latchkey.core.apikey.ApiKeyQuery;
import dev.latchkey.core.apikey.ApiKeyStore;
import dev.latchkey.core.apikey.FoundKey;
import dev.latchkey.core.apikey.KeyUses;
import dev.latchkey.core.common.HistoryEntry;
import dev.latchkey.core.common.Page;
import dev.latchkey.store.BatchingReader;
import dev.latchkey.store.CacheTiming;
import dev.latchkey.store.ChangeFeed;
import dev.latchkey.store.Database;
import dev.latchkey.store.StaleOnOutageCache;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Keeps the hot-path lookup (key by hash) in memory. Keys are evicted by the {@link ChangeFeed}: the writes of
 * {@link JdbcApiKeyStore} publish the key's hashes (its current one, and the previous one a rotation keeps), which reaches this node right after the commit and other nodes
 * (PostgreSQL) by NOTIFY; {@code ttl} bounds staleness if the feed's connection is down. Unknown hashes are not
 * cached, so a key created elsewhere works at once. Misses are read together ({@link #missReader}). Thread-safe.
 */
public final class CachingApiKeyStore implements ApiKeyStore {
    /** The most misses one statement reads ({@link BatchingReader}); more waiting go in the next statement. */
    public static final int MISS_BATCH = JdbcApiKeyStore.MOST_HASHES_PER_STATEMENT;
    private final ApiKeyStore delegate;
    /** Each key with its links (decision 0039): {@link #findByHash} hands out the same key instance while cached. */
    private final StaleOnOutageCache<FoundKey> byHash;

    /**
     * Timings and outage behaviour: {@link StaleOnOutageCache}. {@code holdsConnection}: whether the calling thread
     * holds a connection of {@code delegate}'s database ({@link Database#holdsConnection}), so that a miss inside a
     * transaction is read on it ({@link BatchingReader}).
     */
    public CachingApiKeyStore(ApiKeyStore delegate, ChangeFeed changes, CacheTiming timing,
                              BooleanSupplier holdsConnection) {
        this.delegate = delegate;
        this.byHash = timing.cache("api_keys", changes, missReader(delegate, holdsConnection));
        changes.subscribe(JdbcApiKeyStore.TOPIC, byHash::invalidate, byHash::invalidateAll);
    }

    /**
     * How a miss reads its key: together with the misses that wait at the same moment, in statements of up to
     * {@link #MISS_BATCH} keys, one statement at a time per two cores of the machine, at least one (decision 0050). A
     * lone miss is read at once; under load, the misses queue behind the statements running and share the next ones.
     */
    public static BatchingReader<FoundKey> missReader(ApiKeyStore store, BooleanSupplier holdsConnection) {
        return new BatchingReader<>("key-miss-reader", store::findByHashesWithLinks, holdsConnection, MISS_BATCH,
                Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
    }

    @Override
    public Optional<FoundKey> findByHashWithLinks(String hash) {
        return Optional.ofNullable(byHash.get(hash));
    }

    @Override
    public void insert(ApiKey key, byte[] sealedValue, HistoryEntry entry) {
        delegate.insert(key, sealedValue, entry);
    }

    @Override
    public Optional<byte[]> sealedValue(String id) {
        return delegate.sealedValue(id);
    }

    @Override
    public List<ApiKey> deleteForIdentity(String accountId, String iamId) {
        return delegate.deleteForIdentity(accountId, iamId);
    }

    @Override
    public boolean update(ApiKey key, long expectedVersion, HistoryEntry entry) {
        return delegate.update(key, expectedVersion, entry);
    }

    @Override
    public boolean rotate(ApiKey key, long expectedVersion, byte[] sealedValue, HistoryEntry entry) {
        return delegate.rotate(key, expectedVersion, sealedValue, entry);
    }

    @Override
    public boolean delete(String id, long expectedVersion) {
        return delegate.delete(id, expectedVersion);
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
    public int lockAndCountForIdentity(String accountId, String iamId) {
        return delegate.lockAndCountForIdentity(accountId, iamId);
    }

    @Override
    public List<HistoryEntry> history(String id) {
        return delegate.history(id);
    }

    @Override
    public void addActivity(KeyUses uses) {
        delegate.addActivity(uses);
    }

    @Override
    public int deleteActivityOfDeletedKeys() {
        return delegate.deleteActivityOfDeletedKeys();
    }

    @Override
    public Activity activity(String id) {
        return delegate.activity(id);
    }

    @Override
    public Page<ApiKey> listLongLived(String accountId, int maxLifetimeDays, int offset, int limit) {
        return delegate.listLongLived(accountId, maxLifetimeDays, offset, limit);
    }

    @Override
    public List<ApiKey> listIdle(String accountId, Instant usedBefore, Instant now, String afterId, int limit) {
        return delegate.listIdle(accountId, usedBefore, now, afterId, limit);
    }
}
