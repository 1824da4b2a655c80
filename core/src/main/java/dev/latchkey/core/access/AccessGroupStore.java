package dev.latchkey.core.access;

import dev.latchkey.core.common.Page;
import java.util.List;
import java.util.Optional;

/** Persistence port for access groups, their members and their account settings. Implementations are thread-safe. */
public interface AccessGroupStore {
    void insert(AccessGroup group);

    Optional<AccessGroup> find(String id);

    /** Replaces name and description if the group is still at {@code expectedVersion}; false otherwise. */
    boolean update(AccessGroup group, long expectedVersion);

    /** Removes a group and its memberships; false when it was not there. */
    boolean delete(String id);

    /** Every group of an account, by name then id (an account has at most a few hundred). */
    List<AccessGroup> inAccount(String accountId);

    /** Adds a member; false (and nothing changed) when it already is one. */
    boolean addMember(AccessGroupMember member);

    Optional<AccessGroupMember> member(String groupId, String iamId);

    /** Removes one membership; false when there was none. */
    boolean removeMember(String groupId, String iamId);

    /** Members of a group, of one type or (null) any, ordered by {@code sort}, and how many there are in all. */
    Page<AccessGroupMember> members(String groupId, AccessGroupMember.Type type, MemberSort sort, int offset,
                                    int limit);

    int memberCount(String groupId, AccessGroupMember.Type type);

    /** The ids of the groups {@code iamId} is a member of in {@code accountId}. */
    List<String> groupsOf(String accountId, String iamId);

    /** Removes {@code iamId} from every group of the account (it left, or was deleted); the groups it was in. */
    List<String> removeEverywhere(String accountId, String iamId);

    Optional<AccessGroupSettings> settings(String accountId);

    void saveSettings(AccessGroupSettings settings);

    /** The orders a member listing may have: IBM's {@code sort}. */
    enum MemberSort { CREATED_AT, IAM_ID, TYPE }
}
