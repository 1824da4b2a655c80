package dev.latchkey.core.serviceid;

import dev.latchkey.core.common.InMemoryTransactor;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link ServiceIdGroupStore} in memory with the JDBC store's rules: ids are unique (a duplicate insert throws),
 * a name is unique in its account, an account holds at most the limit a group is inserted within, updates and
 * deletes need the stored version, and a group that a service ID of {@code serviceIds} names is not deleted.
 * Transactions run one at a time ({@link InMemoryTransactor}), so {@link #lock} is {@link #find}.
 */
public final class InMemoryServiceIdGroupStore implements ServiceIdGroupStore, InMemoryTransactor.Participant {
    private final InMemoryServiceIdStore serviceIds;
    private Map<String, ServiceIdGroup> rows = new LinkedHashMap<>();

    public InMemoryServiceIdGroupStore(InMemoryServiceIdStore serviceIds) {
        this.serviceIds = serviceIds;
    }

    @Override
    public synchronized Outcome insert(ServiceIdGroup group, int limit) {
        if (rows.containsKey(group.id())) {
            throw new IllegalStateException("duplicate service ID group " + group.id());
        }
        if (nameTaken(group)) {
            return Outcome.NAME_TAKEN;
        }
        if (rows.values().stream().filter(g -> g.accountId().equals(group.accountId())).count() >= limit) {
            return Outcome.LIMIT_REACHED;
        }
        rows.put(group.id(), group);
        return Outcome.DONE;
    }

    @Override
    public synchronized Optional<ServiceIdGroup> find(String id) {
        return Optional.ofNullable(rows.get(id));
    }

    @Override
    public synchronized Optional<ServiceIdGroup> lock(String id) {
        return find(id);
    }

    @Override
    public synchronized Outcome update(ServiceIdGroup group, long expectedVersion) {
        ServiceIdGroup stored = rows.get(group.id());
        if (stored == null || stored.version() != expectedVersion) {
            return Outcome.STALE;
        }
        if (nameTaken(group)) {
            return Outcome.NAME_TAKEN;
        }
        rows.put(group.id(), new ServiceIdGroup(stored.id(), stored.accountId(), group.name(), group.description(),
                stored.createdAt(), stored.createdBy(), group.modifiedAt(), group.version()));
        return Outcome.DONE;
    }

    @Override
    public synchronized Outcome delete(String id, long expectedVersion) {
        ServiceIdGroup stored = rows.get(id);
        if (stored == null || stored.version() != expectedVersion) {
            return Outcome.STALE;
        }
        if (serviceIds.anyInGroup(id)) {
            return Outcome.IN_USE;
        }
        rows.remove(id);
        return Outcome.DONE;
    }

    @Override
    public synchronized List<ServiceIdGroup> list(String accountId) {
        return rows.values().stream().filter(g -> g.accountId().equals(accountId))
                .sorted(Comparator.comparing(ServiceIdGroup::createdAt).thenComparing(ServiceIdGroup::id)).toList();
    }

    private boolean nameTaken(ServiceIdGroup group) {
        return rows.values().stream().anyMatch(g -> g.accountId().equals(group.accountId())
                && g.name().equals(group.name()) && !g.id().equals(group.id()));
    }

    @Override
    public synchronized Object snapshot() {
        return new LinkedHashMap<>(rows);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        rows = new LinkedHashMap<>((Map<String, ServiceIdGroup>) snapshot);
    }
}
