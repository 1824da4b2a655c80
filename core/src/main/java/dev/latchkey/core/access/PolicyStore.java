package dev.latchkey.core.access;

import dev.latchkey.core.common.Page;
import java.util.ArrayList;
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

    /**
     * The subjects of active policies in an account that grant {@code roleCrn} with resource attribute
     * {@code serviceName} (e.g. the IAM Identity Administrators), each once. A policy may narrow the grant with more
     * attributes, so callers that need the exact answer confirm each subject with {@link AccessDecider}. Stores
     * answer with one query; this default walks the account's policies.
     */
    default List<String> subjectsGranted(String accountId, String serviceName, String roleCrn) {
        List<String> subjects = new ArrayList<>();
        int offset = 0;
        Page<Policy> page;
        do {
            page = list(accountId, null, offset, 100);
            for (Policy policy : page.items()) {
                if (Policy.ACTIVE.equals(policy.state()) && serviceName.equals(policy.attribute("serviceName"))
                        && policy.roleIds().contains(roleCrn) && !subjects.contains(policy.subjectIamId())) {
                    subjects.add(policy.subjectIamId());
                }
            }
            offset += 100;
        } while (page.hasMore());
        return subjects;
    }
}
