package dev.latchkey.core.access;

import dev.latchkey.core.common.InMemoryTransactor;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link CustomRoleStore} in memory with the JDBC store's rules: one name per account, roles listed by name. */
public final class InMemoryCustomRoleStore implements CustomRoleStore, InMemoryTransactor.Participant {
    private Map<String, CustomRole> byId = new LinkedHashMap<>();

    @Override
    public synchronized boolean insert(CustomRole role) {
        if (findByName(role.accountId(), role.name()).isPresent()) {
            return false;
        }
        if (byId.putIfAbsent(role.id(), role) != null) {
            throw new IllegalStateException("duplicate role " + role.id());
        }
        return true;
    }

    @Override
    public synchronized Optional<CustomRole> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized Optional<CustomRole> findByName(String accountId, String name) {
        return byId.values().stream().filter(r -> r.accountId().equals(accountId) && r.name().equals(name))
                .findFirst();
    }

    @Override
    public synchronized boolean update(CustomRole role, long expectedVersion) {
        CustomRole current = byId.get(role.id());
        if (current == null || current.version() != expectedVersion) {
            return false;
        }
        byId.put(role.id(), new CustomRole(current.id(), current.accountId(), current.name(), role.displayName(),
                role.description(), current.serviceName(), role.actions(), current.createdAt(), current.createdBy(),
                role.modifiedAt(), role.modifiedBy(), role.version()));
        return true;
    }

    @Override
    public synchronized boolean delete(String id) {
        return byId.remove(id) != null;
    }

    @Override
    public synchronized List<CustomRole> inAccount(String accountId, String serviceName) {
        return byId.values().stream().filter(r -> r.accountId().equals(accountId)
                        && (serviceName == null || r.serviceName().equals(serviceName)))
                .sorted(Comparator.comparing(CustomRole::name)).toList();
    }

    @Override
    public synchronized Object snapshot() {
        return new LinkedHashMap<>(byId);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        byId = new LinkedHashMap<>((Map<String, CustomRole>) snapshot);
    }
}
