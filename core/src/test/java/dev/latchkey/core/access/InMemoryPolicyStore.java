package dev.latchkey.core.access;

import dev.latchkey.core.common.InMemoryQueries;
import dev.latchkey.core.common.InMemoryTransactor;
import dev.latchkey.core.common.Page;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link PolicyStore} in memory with the JDBC store's rules: ids are unique, an update needs the stored version
 * and never changes id, type, account or creation; lists are oldest first (the id breaking ties).
 */
public final class InMemoryPolicyStore implements PolicyStore, InMemoryTransactor.Participant {
    Map<String, Policy> byId = new LinkedHashMap<>();
    private final java.util.function.Function<String, List<String>> groupMembers;

    /** A store that knows no access group's members (as if there were no groups). */
    public InMemoryPolicyStore() {
        this(group -> List.of());
    }

    /** {@code groupMembers}: the members of an access group, as the JDBC store joins them for {@link #subjectsGranted}. */
    public InMemoryPolicyStore(java.util.function.Function<String, List<String>> groupMembers) {
        this.groupMembers = groupMembers;
    }

    @Override
    public synchronized void insert(Policy policy) {
        if (byId.putIfAbsent(policy.id(), policy) != null) {
            throw new IllegalStateException("duplicate policy " + policy.id());
        }
    }

    @Override
    public synchronized Optional<Policy> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized boolean update(Policy policy, long expectedVersion) {
        Policy current = byId.get(policy.id());
        if (current == null || current.version() != expectedVersion) {
            return false;
        }
        byId.put(policy.id(), new Policy(current.id(), current.type(), current.accountId(), policy.subjectIamId(),
                policy.roleIds(), policy.resourceAttributes(), policy.resourceTags(), policy.description(),
                policy.state(), current.createdAt(), current.createdBy(), policy.modifiedAt(), policy.modifiedBy(),
                policy.version(), policy.pattern(), policy.rule()));
        return true;
    }

    @Override
    public synchronized boolean delete(String id) {
        return byId.remove(id) != null;
    }

    @Override
    public synchronized List<Policy> forSubjects(String accountId, List<String> subjects) {
        return sorted().stream().filter(p -> p.accountId().equals(accountId)
                && subjects.contains(p.subjectIamId()) && p.state().equals(Policy.ACTIVE)).limit(1000).toList();
    }

    @Override
    public synchronized Page<Policy> list(String accountId, String subjectIamId, String state, int offset, int limit) {
        return InMemoryQueries.page(sorted().stream().filter(p -> p.accountId().equals(accountId)
                && (subjectIamId == null || p.subjectIamId().equals(subjectIamId))
                && (state == null || p.state().equals(state))).toList(), offset, limit);
    }

    @Override
    public synchronized int deleteForSubject(String accountId, String subjectIamId) {
        List<String> ids = byId.values().stream().filter(p -> p.accountId().equals(accountId)
                && p.subjectIamId().equals(subjectIamId)).map(Policy::id).toList();
        ids.forEach(byId::remove);
        return ids.size();
    }

    /** As the store's one query: distinct subjects, ordered, of active grants naming the service or none. */
    @Override
    public synchronized List<String> subjectsGranted(String accountId, String serviceName, String roleCrn) {
        return byId.values().stream().filter(p -> p.accountId().equals(accountId) && Policy.ACTIVE.equals(p.state())
                        && p.roleIds().contains(roleCrn)
                        && p.resourceAttributes().stream().noneMatch(a -> a.name().equals("serviceName")
                                && !a.value().equals(serviceName)))
                .flatMap(p -> AccessGroup.isId(p.subjectIamId()) ? groupMembers.apply(p.subjectIamId()).stream()
                        : java.util.stream.Stream.of(p.subjectIamId()))
                .distinct().sorted().toList();
    }

    private List<Policy> sorted() {
        return byId.values().stream().sorted(Comparator.comparing(Policy::createdAt).thenComparing(Policy::id))
                .toList();
    }

    @Override
    public synchronized Object snapshot() {
        return new LinkedHashMap<>(byId);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        byId = new LinkedHashMap<>((Map<String, Policy>) snapshot);
    }
}
