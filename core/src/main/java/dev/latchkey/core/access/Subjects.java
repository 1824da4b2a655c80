package dev.latchkey.core.access;

import java.util.Optional;

/**
 * Who can be the subject of a policy in an account: its user members, its service IDs and its access groups; and
 * what a member of a group says of itself. The composition root answers from the user, service ID and access group
 * stores, so this package depends on none of the features above it. Implementations are thread-safe.
 */
@FunctionalInterface
public interface Subjects {
    boolean existsIn(String accountId, String iamId);

    /** How an identity presents itself (IBM's verbose member listing): a user's name and email, a service ID's name and description. */
    record Description(String name, String email, String description) {
    }

    /** The description of a user or service ID of the account, or empty when it is neither. */
    default Optional<Description> describe(String accountId, String iamId) {
        return Optional.empty();
    }
}
