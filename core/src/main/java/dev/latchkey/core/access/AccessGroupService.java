package dev.latchkey.core.access;

import dev.latchkey.core.audit.AuditTarget;
import dev.latchkey.core.audit.AuditTrail;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.EntityTag;
import dev.latchkey.core.common.ErrorCode;
import dev.latchkey.core.common.Ids;
import dev.latchkey.core.common.IamIds;
import dev.latchkey.core.common.Page;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.common.Transactor;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * IBM IAM Access Groups v2 on behalf of an authenticated principal: groups, their members and the account's group
 * settings. Every operation asks {@link AccessDecider} (actions on {@value AccessGroup#SERVICE}); each change and its
 * audit event commit together. Adding a member hands them what the group's policies grant, so it also needs the
 * right to assign each of those policies directly: nobody can join a group, or put someone in it, to gain access
 * they could not grant (docs/decisions/0042-access-groups.md). Thread-safe.
 */
public final class AccessGroupService {
    public static final String GROUP_CREATE = "iam-groups.groups.create";
    public static final String GROUP_READ = "iam-groups.groups.read";
    public static final String GROUP_UPDATE = "iam-groups.groups.update";
    public static final String GROUP_DELETE = "iam-groups.groups.delete";
    public static final String MEMBERS_READ = "iam-groups.members.read";
    public static final String MEMBERS_ADD = "iam-groups.members.add";
    public static final String MEMBERS_REMOVE = "iam-groups.members.delete";
    public static final String SETTINGS_READ = "iam-groups.account-settings.read";
    public static final String SETTINGS_UPDATE = "iam-groups.account-settings.update";

    /** IBM's limits: groups per account, groups per member, members per request; name and description lengths. */
    public static final int MAX_GROUPS = 500;
    public static final int MAX_GROUPS_PER_MEMBER = 50;
    public static final int MAX_MEMBERS_PER_REQUEST = 50;
    static final int MAX_NAME = 100;
    static final int MAX_DESCRIPTION = 250;

    private final Transactor tx;
    private final AccessGroupStore store;
    private final PolicyStore policies;
    private final Subjects subjects;
    private final AccessDecider access;
    private final Ids ids;
    private final Clock clock;
    private final AuditTrail audit;

    public AccessGroupService(Transactor tx, AccessGroupStore store, PolicyStore policies, Subjects subjects,
                              AccessDecider access, Ids ids, Clock clock, AuditTrail audit) {
        this.tx = tx;
        this.store = store;
        this.policies = policies;
        this.subjects = subjects;
        this.access = access;
        this.ids = ids;
        this.clock = clock;
        this.audit = audit;
    }

    /** A page of a listing with the number of items in all, as IBM's {@code total_count}. */
    public record Listing<T>(List<T> items, int total, int offset, int limit) {
        public boolean hasMore() {
            return offset + items.size() < total;
        }
    }

    /** A group listing as IBM's {@code GET /v2/groups} asks for it; null fields are not given. */
    public record ListGroups(String accountId, String iamId, String search, String membershipType, String sort,
                             int offset, int limit) {
    }

    /** A member to add: its IAM id and IBM's member type ({@code user}, {@code service}). */
    public record NewMember(String iamId, String type) {
    }

    /** A member with what its identity says of itself (IBM's {@code verbose=true}); the texts may be null. */
    public record DescribedMember(AccessGroupMember member, Subjects.Description description) {
    }

    /**
     * The outcome for one member, or one group, of a request that changes several (IBM answers those 207):
     * the membership made or found, or the refusal for that one.
     */
    public record Outcome(String groupId, String iamId, AccessGroupMember.Type type, AccessGroupMember member,
                          DomainException refusal) {
        public boolean succeeded() {
            return refusal == null;
        }
    }

    // ---- groups

    public AccessGroup create(Principal caller, String accountId, String name, String description) {
        requireOwnAccount(caller, accountId, "create access groups in");
        access.require(caller, GROUP_CREATE, Resource.service(accountId, AccessGroup.SERVICE), "create access groups");
        String validName = name(name);
        String validDescription = description(description);
        if (store.inAccount(accountId).size() >= MAX_GROUPS) {
            throw new DomainException(ErrorCode.LIMIT_REACHED, "Account " + accountId + " has " + MAX_GROUPS
                    + " access groups, the most it may have; delete one first.");
        }
        Instant now = now();
        AccessGroup group = new AccessGroup(AccessGroup.ID_PREFIX + ids.uuid(), accountId, validName, validDescription,
                now, caller.iamId(), now, caller.iamId(), 1);
        return tx.inTransaction(() -> {
            store.insert(group);
            audited(caller, group, "create", details("name", validName));
            return group;
        });
    }

    /** A group the caller may read: with {@value #GROUP_READ} on it, or as one of its members. */
    public AccessGroup get(Principal caller, String id) {
        AccessGroup group = find(caller, id);
        if (!readable(caller, group)) {
            throw DomainException.forbidden("You are not allowed to read access group " + id + ": this needs the "
                    + "action " + GROUP_READ + " on it, or membership of it.");
        }
        return group;
    }

    /** Renames or re-describes a group at the version {@code ifMatch} names; null fields stay as they are. */
    public AccessGroup update(Principal caller, String id, String ifMatch, String name, String description) {
        AccessGroup group = find(caller, id);
        access.require(caller, GROUP_UPDATE, group.resource(), "update access group " + id);
        EntityTag.requireMatch(ifMatch, group.id(), group.version());
        String newName = name == null ? group.name() : name(name);
        String newDescription = description == null ? group.description() : description(description);
        AccessGroup updated = group.renamed(newName, newDescription, now(), caller.iamId());
        return tx.inTransaction(() -> {
            if (!store.update(updated, group.version())) {
                throw new DomainException(ErrorCode.ENTITY_TAG_MISMATCH, "Access group " + id + " was changed by "
                        + "another request at the same time; GET it again and retry.");
            }
            Map<String, String> changes = new LinkedHashMap<>();
            if (!newName.equals(group.name())) {
                changes.put("name", newName);
            }
            if (!java.util.Objects.equals(newDescription, group.description())) {
                changes.put("description", "changed");
            }
            audited(caller, updated, "update", changes);
            return updated;
        });
    }

    /**
     * The groups of the caller's account the caller may read, filtered, sorted and paged in memory (an account has
     * at most {@value #MAX_GROUPS}). {@code iam_id} lists the groups of one member; {@code membership_type=dynamic}
     * lists none (Latchkey has no rules).
     */
    public Listing<AccessGroup> list(Principal caller, ListGroups query) {
        requireOwnAccount(caller, query.accountId(), "list the access groups of");
        String membership = query.membershipType() == null ? "static" : query.membershipType();
        if (!Set.of("static", "dynamic", "all").contains(membership)) {
            throw DomainException.invalid("Parameter 'membership_type' must be static, dynamic or all, not '"
                    + abbreviate(membership) + "'.");
        }
        Comparator<AccessGroup> order = groupOrder(query.sort());
        java.util.function.Predicate<AccessGroup> searched = search(query.search());
        List<AccessGroup> all = store.inAccount(query.accountId());
        Set<String> mine = new HashSet<>(store.groupsOf(caller.accountId(), caller.iamId()));
        BiPredicate<String, Resource> permits = access.permissions(caller);
        Set<String> ofMember = query.iamId() == null ? null
                : new HashSet<>(store.groupsOf(query.accountId(), query.iamId()));
        List<AccessGroup> visible = all.stream()
                .filter(g -> mine.contains(g.id()) || permits.test(GROUP_READ, g.resource()))
                .filter(g -> ofMember == null || ofMember.contains(g.id()))
                .filter(g -> !membership.equals("dynamic"))
                .filter(searched)
                .sorted(order).toList();
        return page(visible, query.offset(), query.limit());
    }

    /**
     * Deletes a group with its memberships and the policies that name it. A group with members needs
     * {@code force}: without it the answer says how many members it has and changes nothing.
     */
    public void delete(Principal caller, String id, boolean force) {
        AccessGroup group = find(caller, id);
        access.require(caller, GROUP_DELETE, group.resource(), "delete access group " + id);
        int members = store.memberCount(id, null);
        if (members > 0 && !force) {
            throw new DomainException(ErrorCode.INVALID_STATE, "Access group " + id + " has " + members + " member"
                    + (members == 1 ? "" : "s") + "; delete it with force=true to remove its members and its "
                    + "policies with it.");
        }
        tx.inTransaction(() -> {
            int removedPolicies = policies.deleteForSubject(group.accountId(), id);
            if (!store.delete(id)) {
                throw DomainException.notFound("AccessGroup", id);
            }
            audited(caller, group, "delete", details("members_removed", Integer.toString(members),
                    "policies_deleted", Integer.toString(removedPolicies)));
            return null;
        });
    }

    // ---- what the caller may do: the console offers only that, and each answer is the rule its action checks

    /** What the caller may do to one group; {@code addMembers} is the action alone (see {@link #whyNoAdd}). */
    public record Rights(boolean update, boolean delete, boolean readMembers, boolean addMembers,
                         boolean removeMembers) {
    }

    /** Whether the caller may create groups in their account ({@link #create}). */
    public boolean mayCreate(Principal caller) {
        return access.permits(caller, GROUP_CREATE, Resource.service(caller.accountId(), AccessGroup.SERVICE));
    }

    /**
     * The caller's rights on groups of their account, decided with the caller's policies read once (for a listing;
     * use it within one request).
     */
    public Function<AccessGroup, Rights> rights(Principal caller) {
        BiPredicate<String, Resource> permits = access.permissions(caller);
        return group -> new Rights(permits.test(GROUP_UPDATE, group.resource()),
                permits.test(GROUP_DELETE, group.resource()), permits.test(MEMBERS_READ, group.resource()),
                permits.test(MEMBERS_ADD, group.resource()), permits.test(MEMBERS_REMOVE, group.resource()));
    }

    /**
     * Why the caller may not add members to the group ({@link #addMembers} would refuse the whole request: no
     * {@value #MEMBERS_ADD}, or a policy of the group the caller could not assign), in the words of that refusal;
     * empty when it may.
     */
    public Optional<String> whyNoAdd(Principal caller, String groupId) {
        AccessGroup group = find(caller, groupId);
        try {
            requireMayAdd(caller, group);
            return Optional.empty();
        } catch (DomainException refused) {
            return Optional.of(refused.getMessage());
        }
    }

    /**
     * The groups of the caller's account that the caller may add members to by the whole rule of
     * {@link #addMembers} (the action, and every policy of the group assignable by the caller), by name; those
     * {@code iamId} is in already are left out. The caller's policies and the groups' are each read once.
     */
    public List<AccessGroup> addableBy(Principal caller, String iamId) {
        BiPredicate<String, Resource> permits = access.permissions(caller);
        Set<String> already = new HashSet<>(store.groupsOf(caller.accountId(), iamId));
        List<AccessGroup> candidates = store.inAccount(caller.accountId()).stream()
                .filter(g -> !already.contains(g.id()) && permits.test(MEMBERS_ADD, g.resource())).toList();
        if (candidates.isEmpty()) {
            return List.of();
        }
        Predicate<Policy> assignable = access.policyWritable(caller, "create");
        Set<String> refused = new HashSet<>();
        for (Policy policy : policies.forSubjects(caller.accountId(), candidates.stream().map(AccessGroup::id)
                .toList())) {
            if (!assignable.test(policy)) {
                refused.add(policy.subjectIamId());
            }
        }
        return candidates.stream().filter(g -> !refused.contains(g.id())).sorted(groupOrder(null)).toList();
    }

    // ---- members

    /**
     * Adds up to {@value #MAX_MEMBERS_PER_REQUEST} members. The caller must be allowed to add members to the group
     * (403 for the whole request otherwise); each member then succeeds or fails on its own (unknown in the account,
     * wrong type, too many groups), as IBM's 207 answer reports. The successes commit together.
     */
    public List<Outcome> addMembers(Principal caller, String groupId, List<NewMember> members) {
        AccessGroup group = find(caller, groupId);
        if (members == null || members.isEmpty()) {
            throw DomainException.invalid("Field 'members' is required: one or more {iam_id, type}.");
        }
        if (members.size() > MAX_MEMBERS_PER_REQUEST) {
            throw DomainException.invalid("Field 'members' may hold at most " + MAX_MEMBERS_PER_REQUEST
                    + " members per request, not " + members.size() + ".");
        }
        requireMayAdd(caller, group);
        return tx.inTransaction(() -> {
            List<Outcome> outcomes = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) {
                NewMember wanted = members.get(i);
                outcomes.add(join(caller, group, wanted.iamId(), wanted.type(), "members[" + i + "]"));
            }
            return outcomes;
        });
    }

    /**
     * Adds one identity to several groups of the account; each group succeeds or fails on its own. A caller who may
     * add members to none of them is refused as a whole (403), as is one who may add members to no group at all.
     */
    public List<Outcome> addToGroups(Principal caller, String accountId, String iamId, String type,
                                     List<String> groupIds) {
        requireOwnAccount(caller, accountId, "change access groups of");
        requireSomewhere(caller, MEMBERS_ADD, "add members to access groups");
        if (groupIds == null || groupIds.isEmpty()) {
            throw DomainException.invalid("Field 'groups' is required: the ids of the access groups to add "
                    + abbreviate(iamId) + " to.");
        }
        if (groupIds.size() > MAX_GROUPS_PER_MEMBER) {
            throw DomainException.invalid("Field 'groups' may hold at most " + MAX_GROUPS_PER_MEMBER + " groups.");
        }
        return tx.inTransaction(() -> {
            List<Outcome> outcomes = new ArrayList<>();
            for (String groupId : new LinkedHashSet<>(groupIds)) {
                AccessGroup group = store.find(groupId).filter(g -> g.accountId().equals(accountId)).orElse(null);
                if (group == null) {
                    outcomes.add(refused(groupId, iamId, DomainException.notFound("AccessGroup", groupId)));
                    continue;
                }
                try {
                    requireMayAdd(caller, group);
                } catch (DomainException refusal) {
                    outcomes.add(refused(groupId, iamId, refusal));
                    continue;
                }
                outcomes.add(join(caller, group, iamId, type, "iam_id"));
            }
            return allForbidden(outcomes);
        });
    }

    /**
     * Puts invitees into groups as they are invited, inside the invitation's transaction (IBM's {@code access_groups}
     * of an invitation). Every group must be of the account and the caller must be allowed to add members to each;
     * otherwise the whole invitation is refused.
     */
    public void requireMayInviteInto(Principal caller, String accountId, List<String> groupIds) {
        for (String groupId : groupIds) {
            AccessGroup group = store.find(groupId).filter(g -> g.accountId().equals(accountId))
                    .orElseThrow(() -> DomainException.invalid("Field 'access_groups' names '" + abbreviate(groupId)
                            + "', which is not an access group of account " + accountId + "."));
            requireMayAdd(caller, group);
        }
    }

    /** Adds an invitee to groups {@link #requireMayInviteInto} allowed; call it inside the invitation's transaction. */
    public void joinInvited(Principal caller, String accountId, String iamId, List<String> groupIds) {
        for (String groupId : groupIds) {
            AccessGroup group = store.find(groupId).filter(g -> g.accountId().equals(accountId))
                    .orElseThrow(() -> DomainException.notFound("AccessGroup", groupId));
            Outcome outcome = join(caller, group, iamId, AccessGroupMember.Type.USER.wire(), "access_groups");
            if (!outcome.succeeded()) {
                throw outcome.refusal();
            }
        }
    }

    /** Whether {@code iamId} is a member of the group: the caller needs {@value #MEMBERS_READ}, or asks about itself. */
    public boolean isMember(Principal caller, String groupId, String iamId) {
        AccessGroup group = find(caller, groupId);
        if (!iamId.equals(caller.iamId())) {
            access.require(caller, MEMBERS_READ, group.resource(), "read the members of access group " + groupId);
        }
        return store.member(groupId, iamId).isPresent();
    }

    /**
     * A page of a group's members, of one {@code type} ({@code user}, {@code service}) or any; with {@code verbose}
     * each with its name and email or description. {@code membership_type=dynamic} lists none.
     */
    public Listing<DescribedMember> members(Principal caller, String groupId, String type, String membershipType,
                                            String sort, boolean verbose, int offset, int limit) {
        AccessGroup group = find(caller, groupId);
        access.require(caller, MEMBERS_READ, group.resource(), "read the members of access group " + groupId);
        AccessGroupMember.Type only = type == null ? null : memberType(type, "type");
        String membership = membershipType == null ? "static" : membershipType;
        if (!Set.of("static", "dynamic", "all").contains(membership)) {
            throw DomainException.invalid("Parameter 'membership_type' must be static, dynamic or all, not '"
                    + abbreviate(membership) + "'.");
        }
        AccessGroupStore.MemberSort order = memberSort(sort);
        if (membership.equals("dynamic")) {
            return new Listing<>(List.of(), 0, offset, limit);
        }
        Page<AccessGroupMember> page = store.members(groupId, only, order, offset, limit);
        List<DescribedMember> described = page.items().stream().map(m -> new DescribedMember(m, verbose
                ? subjects.describe(group.accountId(), m.iamId()).orElse(null) : null)).toList();
        return new Listing<>(described, store.memberCount(groupId, only), offset, limit);
    }

    public void removeMember(Principal caller, String groupId, String iamId) {
        AccessGroup group = find(caller, groupId);
        access.require(caller, MEMBERS_REMOVE, group.resource(), "remove members from access group " + groupId);
        tx.inTransaction(() -> {
            Outcome outcome = leave(caller, group, iamId);
            if (!outcome.succeeded()) {
                throw outcome.refusal();
            }
            return null;
        });
    }

    /** Removes up to {@value #MAX_MEMBERS_PER_REQUEST} members; each one that is not a member fails on its own. */
    public List<Outcome> removeMembers(Principal caller, String groupId, List<String> iamIds) {
        AccessGroup group = find(caller, groupId);
        if (iamIds == null || iamIds.isEmpty()) {
            throw DomainException.invalid("Field 'members' is required: the iam_ids to remove.");
        }
        if (iamIds.size() > MAX_MEMBERS_PER_REQUEST) {
            throw DomainException.invalid("Field 'members' may hold at most " + MAX_MEMBERS_PER_REQUEST
                    + " members per request, not " + iamIds.size() + ".");
        }
        access.require(caller, MEMBERS_REMOVE, group.resource(), "remove members from access group " + groupId);
        return tx.inTransaction(() -> iamIds.stream().map(iamId -> leave(caller, group, iamId)).toList());
    }

    /**
     * Removes {@code iamId} from every group of the account the caller may remove members from; 404 when it is in
     * none. A group the caller may not change is reported as refused and keeps the member; when that is every one of
     * them, the whole request is refused (403).
     */
    public List<Outcome> removeFromAll(Principal caller, String accountId, String iamId) {
        requireOwnAccount(caller, accountId, "change access groups of");
        requireSomewhere(caller, MEMBERS_REMOVE, "remove members from access groups");
        List<String> groupIds = store.groupsOf(accountId, iamId);
        if (groupIds.isEmpty()) {
            throw new DomainException(ErrorCode.NOT_FOUND, "'" + abbreviate(iamId) + "' is a member of no access "
                    + "group of account " + accountId + ".");
        }
        BiPredicate<String, Resource> permits = access.permissions(caller);
        return tx.inTransaction(() -> {
            List<Outcome> outcomes = new ArrayList<>();
            for (String groupId : groupIds) {
                AccessGroup group = store.find(groupId).orElseThrow();
                if (!permits.test(MEMBERS_REMOVE, group.resource())) {
                    outcomes.add(refused(groupId, iamId, DomainException.forbidden("You are not allowed to remove "
                            + "members from access group " + groupId + ": this needs the action " + MEMBERS_REMOVE
                            + " on it.")));
                } else {
                    outcomes.add(leave(caller, group, iamId));
                }
            }
            return allForbidden(outcomes);
        });
    }

    /** Takes {@code iamId} out of every group of the account, inside the caller's transaction: it left the account. */
    public void forget(String accountId, String iamId) {
        store.removeEverywhere(accountId, iamId);
    }

    // ---- settings

    public AccessGroupSettings settings(Principal caller, String accountId) {
        requireOwnAccount(caller, accountId, "read the access group settings of");
        access.require(caller, SETTINGS_READ, Resource.service(accountId, AccessGroup.SERVICE),
                "read the access group settings");
        return store.settings(accountId).orElse(AccessGroupSettings.defaults(accountId));
    }

    public AccessGroupSettings updateSettings(Principal caller, String accountId, Boolean publicAccessEnabled) {
        requireOwnAccount(caller, accountId, "change the access group settings of");
        access.require(caller, SETTINGS_UPDATE, Resource.service(accountId, AccessGroup.SERVICE),
                "change the access group settings");
        if (publicAccessEnabled == null) {
            throw DomainException.invalid("Field 'public_access_enabled' is required: true or false.");
        }
        AccessGroupSettings changed = new AccessGroupSettings(accountId, publicAccessEnabled, now(), caller.iamId());
        return tx.inTransaction(() -> {
            store.saveSettings(changed);
            audit.record(caller, accountId, "iam-groups.settings.update",
                    AuditTarget.of("access_group_settings", accountId, null),
                    details("public_access_enabled", Boolean.toString(publicAccessEnabled)));
            return changed;
        });
    }

    // ---- rules

    private void requireMayAdd(Principal caller, AccessGroup group) {
        access.require(caller, MEMBERS_ADD, group.resource(), "add members to access group " + group.id());
        for (Policy policy : policies.forSubject(group.accountId(), group.id())) {
            Decision grant = access.checkPolicyWrite(caller, policy, "create");
            if (!grant.permitted()) {
                throw DomainException.forbidden("You are not allowed to add members to access group " + group.id()
                        + ": a member gets what its policy " + policy.id() + " grants, and " + grant.reason() + ".");
            }
        }
    }

    private Outcome join(Principal caller, AccessGroup group, String iamId, String type, String field) {
        AccessGroupMember.Type memberType;
        try {
            if (iamId == null || iamId.isBlank()) {
                throw DomainException.invalid("Field '" + field + ".iam_id' is required.");
            }
            memberType = memberType(type, field + ".type");
            if (memberType != AccessGroupMember.Type.of(iamId)) {
                throw DomainException.invalid("Field '" + field + ".type' is " + memberType.wire() + ", but '"
                        + abbreviate(iamId) + "' is " + (IamIds.isServiceId(iamId) ? "a service ID" : "a user") + ".");
            }
            if (!subjects.existsIn(group.accountId(), iamId)) {
                throw new DomainException(ErrorCode.NOT_FOUND, "'" + abbreviate(iamId) + "' is neither a member nor a "
                        + "service ID of account " + group.accountId() + ".");
            }
        } catch (DomainException refusal) {
            return refused(group.id(), iamId, refusal);
        }
        var existing = store.member(group.id(), iamId);
        if (existing.isPresent()) {
            return new Outcome(group.id(), iamId, memberType, existing.get(), null);
        }
        if (store.groupsOf(group.accountId(), iamId).size() >= MAX_GROUPS_PER_MEMBER) {
            return refused(group.id(), iamId, new DomainException(ErrorCode.LIMIT_REACHED, "'" + abbreviate(iamId)
                    + "' is in " + MAX_GROUPS_PER_MEMBER + " access groups, the most one member may be in."));
        }
        AccessGroupMember member = new AccessGroupMember(group.id(), group.accountId(), iamId, memberType, now(),
                caller.iamId());
        store.addMember(member);
        audited(caller, group, "member.add", details("iam_id", iamId, "type", memberType.wire()));
        return new Outcome(group.id(), iamId, memberType, member, null);
    }

    private Outcome leave(Principal caller, AccessGroup group, String iamId) {
        if (!store.removeMember(group.id(), iamId)) {
            return refused(group.id(), iamId, new DomainException(ErrorCode.NOT_FOUND, "'" + abbreviate(iamId)
                    + "' is not a member of access group " + group.id() + "."));
        }
        audited(caller, group, "member.remove", details("iam_id", iamId));
        return new Outcome(group.id(), iamId, AccessGroupMember.Type.of(iamId), null, null);
    }

    /** Deny by default for requests about several groups: the caller must hold {@code action} on some group. */
    private void requireSomewhere(Principal caller, String action, String what) {
        if (!access.holdsAnywhere(caller, action, AccessGroup.SERVICE)) {
            throw DomainException.forbidden("You are not allowed to " + what + ": this needs the action " + action
                    + " on " + AccessGroup.SERVICE + " in account " + caller.accountId() + ".");
        }
    }

    /** The outcomes, unless every one is a refusal for lack of access: then that refusal, for the whole request. */
    private static List<Outcome> allForbidden(List<Outcome> outcomes) {
        if (!outcomes.isEmpty() && outcomes.stream().allMatch(o -> !o.succeeded()
                && o.refusal().errorCode() == ErrorCode.FORBIDDEN)) {
            throw outcomes.getFirst().refusal();
        }
        return outcomes;
    }

    private static Outcome refused(String groupId, String iamId, DomainException refusal) {
        return new Outcome(groupId, iamId, iamId == null ? null : AccessGroupMember.Type.of(iamId), null, refusal);
    }

    private boolean readable(Principal caller, AccessGroup group) {
        return access.permits(caller, GROUP_READ, group.resource())
                || store.member(group.id(), caller.iamId()).isPresent();
    }

    /** The group, or 404; a group of another account is 403, as for policies (ids are random). */
    private AccessGroup find(Principal caller, String id) {
        AccessGroup group = store.find(id).orElseThrow(() -> DomainException.notFound("AccessGroup", id));
        if (!group.accountId().equals(caller.accountId())) {
            throw DomainException.forbidden("Access group " + id + " belongs to another account than your access "
                    + "token's (" + caller.accountId() + ").");
        }
        return group;
    }

    private static void requireOwnAccount(Principal caller, String accountId, String what) {
        if (accountId == null || accountId.isBlank()) {
            throw DomainException.invalid("Parameter 'account_id' is required: the account to " + what + ".");
        }
        if (!accountId.equals(caller.accountId())) {
            throw DomainException.forbidden("Your access token is for account " + caller.accountId() + "; it cannot "
                    + what + " account " + accountId + ".");
        }
    }

    private static AccessGroupMember.Type memberType(String type, String field) {
        if (type == null || type.isBlank()) {
            throw DomainException.invalid("Field '" + field + "' is required: user or service.");
        }
        return switch (type) {
            case "user" -> AccessGroupMember.Type.USER;
            case "service" -> AccessGroupMember.Type.SERVICE;
            case "profile" -> throw DomainException.invalid("Field '" + field + "' is profile, but Latchkey has no "
                    + "trusted profiles: members are users and service IDs.");
            default -> throw DomainException.invalid("Field '" + field + "' must be user or service, not '"
                    + abbreviate(type) + "'.");
        };
    }

    private static AccessGroupStore.MemberSort memberSort(String sort) {
        if (sort == null || sort.isBlank()) {
            return AccessGroupStore.MemberSort.CREATED_AT;
        }
        return switch (sort) {
            case "iam_id" -> AccessGroupStore.MemberSort.IAM_ID;
            case "type" -> AccessGroupStore.MemberSort.TYPE;
            case "created_at" -> AccessGroupStore.MemberSort.CREATED_AT;
            default -> throw DomainException.invalid("Parameter 'sort' must be iam_id, type or created_at, not '"
                    + abbreviate(sort) + "'.");
        };
    }

    private static Comparator<AccessGroup> groupOrder(String sort) {
        Comparator<AccessGroup> byId = Comparator.comparing(AccessGroup::id);
        if (sort == null || sort.isBlank() || sort.equals("name")) {
            return Comparator.comparing((AccessGroup g) -> g.name().toLowerCase(Locale.ROOT)).thenComparing(byId);
        }
        return switch (sort) {
            case "description" -> Comparator.comparing((AccessGroup g) -> g.description() == null ? ""
                    : g.description().toLowerCase(Locale.ROOT)).thenComparing(byId);
            case "created_at" -> Comparator.comparing(AccessGroup::createdAt).thenComparing(byId);
            case "last_modified_at" -> Comparator.comparing(AccessGroup::modifiedAt).thenComparing(byId);
            case "id" -> byId;
            default -> throw DomainException.invalid("Parameter 'sort' must be name, description, created_at, "
                    + "last_modified_at or id, not '" + abbreviate(sort) + "'.");
        };
    }

    /**
     * IBM's {@code search}: {@code id:…}, {@code name:…}, {@code description:…}, or text anywhere in the name;
     * checked before any group is looked at, so a bad one is refused whatever the account holds.
     */
    private static java.util.function.Predicate<AccessGroup> search(String search) {
        if (search == null || search.isBlank()) {
            return group -> true;
        }
        int colon = search.indexOf(':');
        String field = colon < 0 ? "name" : search.substring(0, colon);
        String text = (colon < 0 ? search : search.substring(colon + 1)).toLowerCase(Locale.ROOT);
        java.util.function.Function<AccessGroup, String> value = switch (field) {
            case "id" -> AccessGroup::id;
            case "name" -> AccessGroup::name;
            case "description" -> AccessGroup::description;
            default -> throw DomainException.invalid("Parameter 'search' must be id:, name: or description: "
                    + "followed by the text to find, not '" + abbreviate(search) + "'.");
        };
        return group -> value.apply(group) != null && value.apply(group).toLowerCase(Locale.ROOT).contains(text);
    }

    private static <T> Listing<T> page(List<T> all, int offset, int limit) {
        int from = Math.min(offset, all.size());
        int to = Math.min(from + limit, all.size());
        return new Listing<>(List.copyOf(all.subList(from, to)), all.size(), offset, limit);
    }

    private static String name(String name) {
        if (name == null || name.isBlank()) {
            throw DomainException.invalid("Field 'name' is required and must not be empty.");
        }
        if (name.length() > MAX_NAME) {
            throw DomainException.invalid("Field 'name' must be at most " + MAX_NAME + " characters.");
        }
        return name;
    }

    private static String description(String description) {
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw DomainException.invalid("Field 'description' must be at most " + MAX_DESCRIPTION + " characters.");
        }
        return description;
    }

    private void audited(Principal caller, AccessGroup group, String verb, Map<String, String> details) {
        audit.record(caller, group.accountId(), "iam-groups.group." + verb,
                AuditTarget.of("access_group", group.id(), group.name()), details);
    }

    private static Map<String, String> details(String... pairs) {
        Map<String, String> details = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            details.put(pairs[i], pairs[i + 1]);
        }
        return details;
    }

    static String abbreviate(String value) {
        return PolicyValidator.abbreviate(value);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
