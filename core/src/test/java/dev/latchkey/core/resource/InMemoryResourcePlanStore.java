package dev.latchkey.core.resource;

import dev.latchkey.core.common.InMemoryQueries;
import dev.latchkey.core.common.InMemoryTransactor;
import dev.latchkey.core.common.Page;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link ResourcePlanStore} in memory with the JDBC store's rules: a plan id is unique within its account, lists
 * are one account's in registration order (the id breaking ties), optionally of one service.
 */
public final class InMemoryResourcePlanStore implements ResourcePlanStore, InMemoryTransactor.Participant {
    private Map<String, ResourcePlan> plans = new LinkedHashMap<>();

    private static String key(String accountId, String id) {
        return accountId + "/" + id;
    }

    @Override
    public synchronized boolean insert(ResourcePlan plan) {
        return plans.putIfAbsent(key(plan.accountId(), plan.id()), plan) == null;
    }

    @Override
    public synchronized Optional<ResourcePlan> find(String accountId, String id) {
        return Optional.ofNullable(plans.get(key(accountId, id)));
    }

    /** Transactions of the in-memory transactor run one at a time: the row is as locked as it needs to be. */
    @Override
    public Optional<ResourcePlan> lock(String accountId, String id) {
        return find(accountId, id);
    }

    @Override
    public synchronized Page<ResourcePlan> list(Query q) {
        return InMemoryQueries.page(plans.values().stream()
                .filter(p -> p.accountId().equals(q.accountId())
                        && (q.serviceName() == null || q.serviceName().equals(p.serviceName())))
                .sorted(Comparator.comparing(ResourcePlan::createdAt).thenComparing(ResourcePlan::id))
                .toList(), q.offset(), q.limit());
    }

    @Override
    public synchronized boolean delete(String accountId, String id) {
        return plans.remove(key(accountId, id)) != null;
    }

    @Override
    public synchronized Object snapshot() {
        return new LinkedHashMap<>(plans);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        plans = new LinkedHashMap<>((Map<String, ResourcePlan>) snapshot);
    }
}
