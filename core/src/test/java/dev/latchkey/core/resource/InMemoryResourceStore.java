package dev.latchkey.core.resource;

import dev.latchkey.core.common.InMemoryQueries;
import dev.latchkey.core.common.InMemoryTransactor;
import dev.latchkey.core.common.Page;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link ResourceStore} in memory with the JDBC store's rules: guids are unique, a key needs a stored instance,
 * an update needs the stored version and changes only what the SQL sets, lists are in creation order (the guid
 * breaking ties) and key lists show active keys only.
 */
public final class InMemoryResourceStore implements ResourceStore, InMemoryTransactor.Participant {
    private record State(Map<String, ResourceInstance> instances, Map<String, ResourceKey> keys) {
        State copy() {
            return new State(new LinkedHashMap<>(instances), new LinkedHashMap<>(keys));
        }
    }

    private State state = new State(new LinkedHashMap<>(), new LinkedHashMap<>());

    @Override
    public synchronized void insertInstance(ResourceInstance instance) {
        if (state.instances().putIfAbsent(instance.guid(), instance) != null) {
            throw new IllegalStateException("duplicate resource instance " + instance.guid());
        }
    }

    @Override
    public synchronized Optional<ResourceInstance> findInstance(String guid) {
        return Optional.ofNullable(state.instances().get(guid));
    }

    /** Transactions of the in-memory transactor run one at a time: the row is as locked as it needs to be. */
    @Override
    public Optional<ResourceInstance> lockInstance(String guid) {
        return findInstance(guid);
    }

    @Override
    public synchronized boolean updateInstance(ResourceInstance i, long expectedVersion) {
        ResourceInstance s = state.instances().get(i.guid());
        if (s == null || s.version() != expectedVersion) {
            return false;
        }
        state.instances().put(i.guid(), new ResourceInstance(s.guid(), s.accountId(), i.name(), s.serviceName(),
                i.planId(), s.resourceGroupId(), s.target(), i.state(), i.locked(), i.lastOperation(), s.createdAt(),
                s.createdBy(), i.updatedAt(), i.updatedBy(), i.deletedAt(), i.deletedBy(), i.planSince(),
                i.planSetBy(), i.version()));
        return true;
    }

    @Override
    public synchronized Page<ResourceInstance> listInstances(InstanceQuery q) {
        if (q.states() != null && q.states().isEmpty()) {
            return new Page<>(List.of(), q.offset(), q.limit(), false);
        }
        return InMemoryQueries.page(state.instances().values().stream()
                .filter(i -> i.accountId().equals(q.accountId()) && equal(q.guid(), i.guid())
                        && equal(q.name(), i.name()) && equal(q.serviceName(), i.serviceName())
                        && equal(q.resourceGroupId(), i.resourceGroupId()) && equal(q.planId(), i.planId())
                        && (q.states() == null || q.states().contains(i.state())))
                .filter(i -> after(q.after(), ResourceStore.Position.of(i)))
                .sorted(Comparator.comparing(ResourceInstance::createdAt).thenComparing(ResourceInstance::guid))
                .toList(), q.after() == null ? q.offset() : 0, q.limit(), q.offset());
    }

    @Override
    public synchronized void insertKey(ResourceKey key) {
        if (!state.instances().containsKey(key.instanceGuid())) {
            throw new IllegalStateException("no resource instance " + key.instanceGuid() + " for key " + key.guid());
        }
        if (state.keys().putIfAbsent(key.guid(), key) != null) {
            throw new IllegalStateException("duplicate resource key " + key.guid());
        }
    }

    @Override
    public synchronized Optional<ResourceKey> findKey(String guid) {
        return Optional.ofNullable(state.keys().get(guid));
    }

    @Override
    public synchronized boolean updateKey(ResourceKey k, long expectedVersion) {
        ResourceKey s = state.keys().get(k.guid());
        if (s == null || s.version() != expectedVersion) {
            return false;
        }
        state.keys().put(k.guid(), new ResourceKey(s.guid(), s.accountId(), s.instanceGuid(), s.serviceName(),
                s.resourceGroupId(), k.name(), s.roleCrn(), s.serviceId(), s.serviceIdOwned(), s.apiKeyId(),
                s.policyId(), k.state(), s.createdAt(), s.createdBy(), k.updatedAt(), k.updatedBy(), k.deletedAt(),
                k.deletedBy(), k.version()));
        return true;
    }

    @Override
    public synchronized Page<ResourceKey> listKeys(KeyQuery q) {
        return InMemoryQueries.page(activeKeys()
                .filter(k -> k.accountId().equals(q.accountId()) && equal(q.guid(), k.guid())
                        && equal(q.name(), k.name()) && equal(q.serviceName(), k.serviceName())
                        && equal(q.resourceGroupId(), k.resourceGroupId()) && equal(q.instanceGuid(), k.instanceGuid())
                        && after(q.after(), ResourceStore.Position.of(k)))
                .toList(), q.after() == null ? q.offset() : 0, q.limit(), q.offset());
    }

    /** Whether {@code row} comes after {@code position} in the listings' order (creation time, then guid). */
    private static boolean after(ResourceStore.Position position, ResourceStore.Position row) {
        return position == null || row.createdAt().isAfter(position.createdAt())
                || row.createdAt().equals(position.createdAt()) && row.guid().compareTo(position.guid()) > 0;
    }

    @Override
    public synchronized List<ResourceKey> activeKeysOf(String instanceGuid) {
        return activeKeys().filter(k -> k.instanceGuid().equals(instanceGuid)).toList();
    }

    @Override
    public synchronized Map<String, String> activeKeyCrnsByApiKey(Collection<String> apiKeyIds) {
        Map<String, String> crns = new LinkedHashMap<>();
        activeKeys().filter(k -> apiKeyIds.contains(k.apiKeyId())).forEach(k -> crns.put(k.apiKeyId(), k.crn()));
        return crns;
    }

    private java.util.stream.Stream<ResourceKey> activeKeys() {
        return state.keys().values().stream().filter(k -> k.state() == ResourceState.ACTIVE)
                .sorted(Comparator.comparing(ResourceKey::createdAt).thenComparing(ResourceKey::guid));
    }

    private static boolean equal(String wanted, String value) {
        return wanted == null || Objects.equals(wanted, value);
    }

    @Override
    public synchronized Object snapshot() {
        return state.copy();
    }

    @Override
    public synchronized void restore(Object snapshot) {
        state = ((State) snapshot).copy();
    }
}
