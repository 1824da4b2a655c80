package dev.latchkey.core.serviceid;

import java.util.List;
import java.util.Optional;

/**
 * Persistence port for service ID groups. Every write is atomic, and the rules that need more than one row are
 * the store's, so that two requests at once cannot break them: a name is unique in its account, an account holds
 * at most the limit a group is inserted within, and a group that a service ID names is not deleted. Implementations
 * are thread-safe.
 */
public interface ServiceIdGroupStore {
    /** What a write did. */
    enum Outcome {
        DONE,
        /** Another group of the account has the name. */
        NAME_TAKEN,
        /** The account holds the limit of groups already. */
        LIMIT_REACHED,
        /** The group is not (or no longer) at the version named: nothing was written. */
        STALE,
        /** A service ID names the group. */
        IN_USE
    }

    /** Inserts the group: DONE, NAME_TAKEN or LIMIT_REACHED (the account is locked while counting). */
    Outcome insert(ServiceIdGroup group, int limit);

    Optional<ServiceIdGroup> find(String id);

    /**
     * Like {@link #find}, inside the caller's transaction, and holds the group until it ends: a service ID that is
     * put into the group and a deletion of the group wait for each other instead of passing each other.
     */
    Optional<ServiceIdGroup> lock(String id);

    /** Replaces name, description, modified time and version if still at {@code expectedVersion}: DONE, STALE or NAME_TAKEN. */
    Outcome update(ServiceIdGroup group, long expectedVersion);

    /** Deletes the group if still at {@code expectedVersion} and named by no service ID: DONE, STALE or IN_USE. */
    Outcome delete(String id, long expectedVersion);

    /** The account's groups, oldest first (the id breaking ties). */
    List<ServiceIdGroup> list(String accountId);
}
