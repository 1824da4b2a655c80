package dev.latchkey.core.access;

import dev.latchkey.core.common.InMemoryQueries;
import dev.latchkey.core.common.InMemoryTransactor;
import dev.latchkey.core.common.Page;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@link AccessGroupStore} in memory with the JDBC store's rules: a group's deletion takes its memberships, a
 * member is in a group at most once, groups list by name then id, members by the asked order (then iam id).
 */
public final class InMemoryAccessGroupStore implements AccessGroupStore, InMemoryTransactor.Participant {
    private record State(Map<String, AccessGroup> groups, Map<List<String>, AccessGroupMember> members,
                         Map<String, AccessGroupSettings> settings) {
        State copy() {
            return new State(new LinkedHashMap<>(groups), new LinkedHashMap<>(members), new LinkedHashMap<>(settings));
        }
    }

    private State state = new State(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>());

    @Override
    public synchronized void insert(AccessGroup group) {
        if (state.groups.putIfAbsent(group.id(), group) != null) {
            throw new IllegalStateException("duplicate access group " + group.id());
        }
    }

    @Override
    public synchronized Optional<AccessGroup> find(String id) {
        return Optional.ofNullable(state.groups.get(id));
    }

    @Override
    public synchronized boolean update(AccessGroup group, long expectedVersion) {
        AccessGroup current = state.groups.get(group.id());
        if (current == null || current.version() != expectedVersion) {
            return false;
        }
        state.groups.put(group.id(), new AccessGroup(current.id(), current.accountId(), group.name(),
                group.description(), current.createdAt(), current.createdBy(), group.modifiedAt(), group.modifiedBy(),
                group.version()));
        return true;
    }

    @Override
    public synchronized boolean delete(String id) {
        state.members.keySet().removeIf(key -> key.getFirst().equals(id));
        return state.groups.remove(id) != null;
    }

    @Override
    public synchronized List<AccessGroup> inAccount(String accountId) {
        return state.groups.values().stream().filter(g -> g.accountId().equals(accountId))
                .sorted(Comparator.comparing(AccessGroup::name).thenComparing(AccessGroup::id)).toList();
    }

    @Override
    public synchronized boolean addMember(AccessGroupMember member) {
        if (!state.groups.containsKey(member.groupId())) {
            throw new IllegalStateException("no access group " + member.groupId());
        }
        return state.members.putIfAbsent(List.of(member.groupId(), member.iamId()), member) == null;
    }

    @Override
    public synchronized Optional<AccessGroupMember> member(String groupId, String iamId) {
        return Optional.ofNullable(state.members.get(List.of(groupId, iamId)));
    }

    @Override
    public synchronized boolean removeMember(String groupId, String iamId) {
        return state.members.remove(List.of(groupId, iamId)) != null;
    }

    @Override
    public synchronized Page<AccessGroupMember> members(String groupId, AccessGroupMember.Type type, MemberSort sort,
                                                        int offset, int limit) {
        Comparator<AccessGroupMember> order = switch (sort) {
            case CREATED_AT -> Comparator.comparing(AccessGroupMember::createdAt);
            case IAM_ID -> Comparator.comparing(AccessGroupMember::iamId);
            case TYPE -> Comparator.comparing(m -> m.type().wire());
        };
        return InMemoryQueries.page(ofGroup(groupId, type).sorted(order.thenComparing(AccessGroupMember::iamId))
                .toList(), offset, limit);
    }

    @Override
    public synchronized int memberCount(String groupId, AccessGroupMember.Type type) {
        return (int) ofGroup(groupId, type).count();
    }

    private java.util.stream.Stream<AccessGroupMember> ofGroup(String groupId, AccessGroupMember.Type type) {
        return state.members.values().stream().filter(m -> m.groupId().equals(groupId)
                && (type == null || m.type() == type));
    }

    /** The IAM ids of a group's members, as the JDBC store's join of policies and members finds them. */
    public synchronized List<String> memberIds(String groupId) {
        return ofGroup(groupId, null).map(AccessGroupMember::iamId).toList();
    }

    @Override
    public synchronized List<String> groupsOf(String accountId, String iamId) {
        return state.members.values().stream().filter(m -> m.accountId().equals(accountId)
                && m.iamId().equals(iamId)).map(AccessGroupMember::groupId).sorted().toList();
    }

    @Override
    public synchronized List<String> removeEverywhere(String accountId, String iamId) {
        List<String> groups = new ArrayList<>(groupsOf(accountId, iamId));
        groups.forEach(group -> state.members.remove(List.of(group, iamId)));
        return groups;
    }

    @Override
    public synchronized Optional<AccessGroupSettings> settings(String accountId) {
        return Optional.ofNullable(state.settings.get(accountId));
    }

    @Override
    public synchronized void saveSettings(AccessGroupSettings settings) {
        state.settings.put(settings.accountId(), settings);
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
