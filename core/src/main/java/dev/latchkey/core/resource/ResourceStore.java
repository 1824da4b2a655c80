package dev.latchkey.core.resource;

import dev.latchkey.core.common.Page;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Persistence port for resource instances and resource keys. Nothing is ever deleted: a delete is an update to
 * state {@code removed}. Updates name the version they read and write nothing when another writer got there
 * first. Lists are ordered by creation time, then guid. Implementations are thread-safe.
 */
public interface ResourceStore {

    /**
     * Which instances a listing asks for: one account, and each non-null field an exact match; {@code states} null
     * means any state, an empty list none.
     */
    record InstanceQuery(String accountId, String guid, String name, String serviceName, String resourceGroupId,
                         String planId, List<ResourceState> states, int offset, int limit, Position after) {
        /** A page by offset. */
        public InstanceQuery(String accountId, String guid, String name, String serviceName, String resourceGroupId,
                             String planId, List<ResourceState> states, int offset, int limit) {
            this(accountId, guid, name, serviceName, resourceGroupId, planId, states, offset, limit, null);
        }
    }

    /** Which keys a listing asks for: one account, each non-null field an exact match, active keys only. */
    record KeyQuery(String accountId, String guid, String name, String serviceName, String resourceGroupId,
                    String instanceGuid, int offset, int limit, Position after) {
    }

    /**
     * Where a page of a listing continues from (keyset paging, decision 0038): the creation time and guid of the
     * row before it, in the listings' one order. The row itself need not exist any more. A query with a position
     * reads the rows after it, whatever their depth, and answers with the query's {@code offset}, which the caller
     * counts along; a query without one reads from {@code offset}.
     */
    record Position(Instant createdAt, String guid) {
        public static Position of(ResourceInstance instance) {
            return new Position(instance.createdAt(), instance.guid());
        }

        public static Position of(ResourceKey key) {
            return new Position(key.createdAt(), key.guid());
        }
    }

    void insertInstance(ResourceInstance instance);

    Optional<ResourceInstance> findInstance(String guid);

    /**
     * Like {@link #findInstance}, and locks the row until the surrounding transaction ends: creating a key and
     * deleting the instance take this lock first, so a key is never made on an instance being removed.
     */
    Optional<ResourceInstance> lockInstance(String guid);

    /** @return false when the instance is no longer at {@code expectedVersion} (nothing was written) */
    boolean updateInstance(ResourceInstance instance, long expectedVersion);

    Page<ResourceInstance> listInstances(InstanceQuery query);

    void insertKey(ResourceKey key);

    Optional<ResourceKey> findKey(String guid);

    /** @return false when the key is no longer at {@code expectedVersion} (nothing was written) */
    boolean updateKey(ResourceKey key, long expectedVersion);

    Page<ResourceKey> listKeys(KeyQuery query);

    /** The active keys of one instance, oldest first. */
    List<ResourceKey> activeKeysOf(String instanceGuid);

    /** For each of {@code apiKeyIds} that backs an active resource key, that key's CRN; the others are absent. */
    Map<String, String> activeKeyCrnsByApiKey(Collection<String> apiKeyIds);
}
