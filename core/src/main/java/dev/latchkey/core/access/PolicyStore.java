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

    /** Active policies whose subject is {@code subjectIamId} (an IAM id or an access group id) in {@code accountId}. */
    default List<Policy> forSubject(String accountId, String subjectIamId) {
        return forSubjects(accountId, List.of(subjectIamId));
    }

    /** Active policies in {@code accountId} whose subject is one of {@code subjects}, oldest first. */
    List<Policy> forSubjects(String accountId, List<String> subjects);

    /** Policies of an account, optionally of one subject, oldest first. */
    default Page<Policy> list(String accountId, String subjectIamId, int offset, int limit) {
        return list(accountId, subjectIamId, null, offset, limit);
    }

    /** Policies of an account, optionally of one subject and in one {@code state} (null: any), oldest first. */
    Page<Policy> list(String accountId, String subjectIamId, String state, int offset, int limit);

    /** Whether some policy of the account, in any state, names the role {@code roleCrn}. */
    default boolean namesRole(String accountId, String roleCrn) {
        int offset = 0;
        Page<Policy> page;
        do {
            page = list(accountId, null, offset, 100);
            if (page.items().stream().anyMatch(p -> p.roleIds().contains(roleCrn))) {
                return true;
            }
            offset += 100;
        } while (page.hasMore());
        return false;
    }

    /** Removes every policy of a subject in an account (the subject left, or was deleted). */
    int deleteForSubject(String accountId, String subjectIamId);

    /**
     * The candidates for holding {@code roleCrn} on {@code serviceName} in an account (e.g. the IAM Identity
     * Administrators), each once: the subjects of active policies granting the role whose resource names that
     * service or no service at all (for a policy naming an access group: the group's members), so that grants through {@code service_group_id=IAM}, {@code serviceType} or
     * the whole account are found too. A policy may narrow or miss with its other attributes, so callers confirm
     * each subject with {@link AccessDecider}. Stores answer with one query; this default walks the policies and
     * knows no group's members, so it skips group subjects.
     */
    default List<String> subjectsGranted(String accountId, String serviceName, String roleCrn) {
        List<String> subjects = new ArrayList<>();
        int offset = 0;
        Page<Policy> page;
        do {
            page = list(accountId, null, offset, 100);
            for (Policy policy : page.items()) {
                String service = policy.attribute("serviceName");
                if (Policy.ACTIVE.equals(policy.state()) && (service == null || serviceName.equals(service))
                        && !AccessGroup.isId(policy.subjectIamId())
                        && policy.roleIds().contains(roleCrn) && !subjects.contains(policy.subjectIamId())) {
                    subjects.add(policy.subjectIamId());
                }
            }
            offset += 100;
        } while (page.hasMore());
        return subjects;
    }
}
