package dev.latchkey.core.access;

import java.util.List;
import java.util.Optional;

/** Persistence port for custom roles. Implementations are thread-safe. */
public interface CustomRoleStore {
    /** Adds a role; false (and nothing written) when the account has a role of that name already. */
    boolean insert(CustomRole role);

    Optional<CustomRole> find(String id);

    Optional<CustomRole> findByName(String accountId, String name);

    /** Replaces display name, description and actions if the role is still at {@code expectedVersion}. */
    boolean update(CustomRole role, long expectedVersion);

    boolean delete(String id);

    /** The account's roles, of one service or (null) any, by name. */
    List<CustomRole> inAccount(String accountId, String serviceName);
}
