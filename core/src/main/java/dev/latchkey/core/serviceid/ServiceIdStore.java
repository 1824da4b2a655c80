package dev.latchkey.core.serviceid;

import dev.latchkey.core.apikey.ServiceIdAccounts;
import dev.latchkey.core.common.HistoryEntry;
import dev.latchkey.core.common.IamIds;
import dev.latchkey.core.common.Page;
import java.util.List;
import java.util.Optional;

/**
 * Persistence port for service IDs and their history. Writes are atomic: a service ID and its history entry are
 * written together or not at all. Implementations are thread-safe.
 */
public interface ServiceIdStore extends ServiceIdAccounts {
    void insert(ServiceId serviceId, HistoryEntry entry);

    /** Always the stored state: what management reads and writes start from. */
    Optional<ServiceId> find(String id);

    /**
     * Like {@link #find}, for the token hot path only: a caching implementation may answer from memory for up to
     * its TTL. Never called inside a write transaction, so nothing uncommitted is ever cached.
     */
    default Optional<ServiceId> findForToken(String id) {
        return find(id);
    }

    /**
     * Replaces a service ID if it is still at {@code expectedVersion}.
     *
     * @return false when another writer got there first (nothing was written)
     */
    boolean update(ServiceId serviceId, long expectedVersion, HistoryEntry entry);

    /** Deletes a service ID and its history if it is still at {@code expectedVersion}; false otherwise. */
    boolean delete(String id, long expectedVersion);

    Page<ServiceId> list(ServiceIdQuery query);

    List<HistoryEntry> history(String id);

    /** The account of a stored service ID, for the API keys made for it. */
    @Override
    default Optional<String> accountOf(String serviceIdIamId) {
        return find(IamIds.serviceIdOf(serviceIdIamId)).map(ServiceId::accountId);
    }
}
