package dev.latchkey.core.resource;

import dev.latchkey.core.common.Page;
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
                         String planId, List<ResourceState> states, int offset, int limit) {
    }

    /** Which keys a listing asks for: one account, each non-null field an exact match, active keys only. */
    record KeyQuery(String accountId, String guid, String name, String serviceName, String resourceGroupId,
                    String instanceGuid, int offset, int limit) {
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
