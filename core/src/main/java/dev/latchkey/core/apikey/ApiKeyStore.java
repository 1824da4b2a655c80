package dev.latchkey.core.apikey;

import dev.latchkey.core.common.HistoryEntry;
import dev.latchkey.core.common.Page;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Persistence port for API keys, their history and their activity. Writes are atomic: a key and its history
 * entry are written together or not at all. Implementations are thread-safe.
 */
public interface ApiKeyStore {
    default void insert(ApiKey key, HistoryEntry entry) {
        insert(key, null, entry);
    }

    /**
     * Inserts a key; {@code sealedValue}, when not null, is its value sealed under the master key
     * ({@code store_value=true}, service ID keys only), kept so it can be shown again.
     */
    void insert(ApiKey key, byte[] sealedValue, HistoryEntry entry);

    /** The sealed value of a key created with {@code store_value=true}; empty for every other key. */
    Optional<byte[]> sealedValue(String id);

    Optional<ApiKey> find(String id);

    /**
     * The key whose current value has SHA-256 {@code hash}, or else the key whose previous value (kept by a rotation,
     * decision 0032) has it, whether or not that value's grace has ended: the caller checks
     * {@link ApiKey#acceptsHash} against its clock, so a cached answer cannot outlive the grace.
     */
    default Optional<ApiKey> findByHash(String hash) {
        return findByHashWithLinks(hash).map(FoundKey::key);
    }

    /**
     * {@link #findByHash}'s key, with whether its value is stored sealed and the CRN of the live resource key it
     * backs, read with it in one statement: key details need both, and on a cache miss a second and third read would
     * cost a service ID key three round trips where a user key costs one (decision 0039). Both facts hold for as
     * long as the key's version does: a credential is made in the transaction that makes its key and deleting it
     * deletes the key, and whether a value is stored is decided when the key is made (a rotation stores the new value
     * sealed exactly when the old one was; resealing under a new master key replaces the sealed bytes, not their
     * presence). So a cache that keeps the answer until the key changes keeps them exactly as fresh as the key.
     */
    Optional<FoundKey> findByHashWithLinks(String hash);

    /**
     * {@link #findByHashWithLinks} for several hashes at once, by hash; a hash no key has is not in the map. A store
     * that can read them in one round trip does: a node's cache misses under load are read together (decision 0050).
     */
    default Map<String, FoundKey> findByHashesWithLinks(Collection<String> hashes) {
        Map<String, FoundKey> found = new HashMap<>();
        for (String hash : hashes) {
            findByHashWithLinks(hash).ifPresent(key -> found.put(hash, key));
        }
        return found;
    }

    /**
     * Replaces a key if it is still at {@code expectedVersion}.
     *
     * @return false when another writer got there first (nothing was written)
     */
    boolean update(ApiKey key, long expectedVersion, HistoryEntry entry);

    /**
     * Gives a key a new value if it is still at {@code expectedVersion}: writes {@code key}'s value hash, display
     * prefix, previous hash and its grace end, modification time and version, replaces the sealed value (null keeps
     * none), and adds {@code entry} to its history, all or nothing. The key is then looked up afresh under its new
     * hash, the hash it replaced and the previous hash it dropped, on every node.
     *
     * @return false when another writer got there first (nothing was written)
     */
    boolean rotate(ApiKey key, long expectedVersion, byte[] sealedValue, HistoryEntry entry);

    /** Deletes a key and its history if it is still at {@code expectedVersion}; false otherwise. */
    boolean delete(String id, long expectedVersion);

    /** Deletes every key of one identity in an account (a service ID is deleted, a user leaves); returns them. */
    List<ApiKey> deleteForIdentity(String accountId, String iamId);

    Page<ApiKey> list(ApiKeyQuery query);

    /**
     * Counts the keys of one identity in an account, first locking that identity's account membership until the
     * enclosing transaction ends: two creations for the same user then count one after the other, so they cannot
     * both pass a limit. Call it inside a transaction, before the insert it guards.
     */
    int lockAndCountForIdentity(String accountId, String iamId);

    List<HistoryEntry> history(String id);

    /**
     * Adds batched authentications: per key of the batch ({@link KeyUses#keys}), the latest time and how many
     * happened. Whether the key still exists is not checked (decision record 0053): a key deleted since its use gets
     * activity no one reads, which {@link #deleteActivityOfDeletedKeys} removes.
     */
    void addActivity(KeyUses uses);

    /** Deletes the activity of keys that no longer exist (see {@link #addActivity}); returns how many keys had some. */
    int deleteActivityOfDeletedKeys();

    Activity activity(String id);

    /**
     * The keys of an account that live longer than {@code maxLifetimeDays}: no {@code expires_at}, or one more than
     * that many days after {@code created_at}. Oldest first (creation, then id). For the lifetime report; off the
     * hot path.
     */
    Page<ApiKey> listLongLived(String accountId, int maxLifetimeDays, int offset, int limit);

    /**
     * Up to {@code limit} keys of an account, by id after {@code afterId} (null: from the first), that are enabled,
     * not expired at {@code now}, and whose stored last authentication (their creation when never used) is at or
     * before {@code usedBefore}: the candidates of the inactivity sweep, which checks each one further.
     */
    List<ApiKey> listIdle(String accountId, Instant usedBefore, Instant now, String afterId, int limit);
}
