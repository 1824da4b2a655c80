package dev.latchkey.core.apikey;

import dev.latchkey.core.common.Page;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Persistence port for API keys, their history and their activity. Writes are atomic: a key and its history
 * entry are written together or not at all. Implementations are thread-safe.
 */
public interface ApiKeyStore {
    void insert(ApiKey key, HistoryEntry entry);

    Optional<ApiKey> find(String id);

    Optional<ApiKey> findByHash(String hash);

    /**
     * Replaces a key if it is still at {@code expectedVersion}.
     *
     * @return false when another writer got there first (nothing was written)
     */
    boolean update(ApiKey key, long expectedVersion, HistoryEntry entry);

    /** Deletes a key and its history if it is still at {@code expectedVersion}; false otherwise. */
    boolean delete(String id, long expectedVersion);

    Page<ApiKey> list(ApiKeyQuery query);

    /** Deletes every key of one identity in one account (the user left it); returns how many. */
    int deleteForIdentity(String accountId, String iamId);

    int countForIdentity(String accountId, String iamId);

    List<HistoryEntry> history(String id);

    /** Adds batched authentications: per key id, the latest time and how many happened. */
    void addActivity(Map<String, Activity> deltas);

    Activity activity(String id);
}
