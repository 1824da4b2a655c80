package dev.latchkey.core.access;

import dev.latchkey.core.common.Page;
import java.util.List;
import java.util.Optional;

/** Persistence port for access policies. Implementations are thread-safe. */
public interface PolicyStore {
    void insert(Policy policy);

    Optional<Policy> find(String id);

    /**
     * Replaces a policy (subject, roles, resource, description, state, modification) if it is still at
     * {@code expectedVersion}; false otherwise. Its id, type, account and creation never change.
     */
    boolean update(Policy policy, long expectedVersion);

    boolean delete(String id);

    /** Active policies whose subject is {@code subjectIamId} in {@code accountId}. */
    List<Policy> forSubject(String accountId, String subjectIamId);

    /** Policies of an account, optionally of one subject, oldest first. */
    default Page<Policy> list(String accountId, String subjectIamId, int offset, int limit) {
        return list(accountId, subjectIamId, null, offset, limit);
    }

    /** Policies of an account, optionally of one subject and in one {@code state} (null: any), oldest first. */
    Page<Policy> list(String accountId, String subjectIamId, String state, int offset, int limit);

    /** Removes every policy of a subject in an account (the subject left, or was deleted). */
    int deleteForSubject(String accountId, String subjectIamId);
}
