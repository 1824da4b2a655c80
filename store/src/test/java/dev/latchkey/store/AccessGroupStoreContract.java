package dev.latchkey.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.access.AccessGroup;
import dev.latchkey.core.access.AccessGroupMember;
import dev.latchkey.core.access.AccessGroupSettings;
import dev.latchkey.core.access.AccessGroupStore;
import dev.latchkey.core.access.Policy;
import dev.latchkey.core.access.Role;
import dev.latchkey.core.account.Account;
import dev.latchkey.core.identity.User;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The access group store's behaviour, run against each database (H2 and PostgreSQL subclasses) and against core's
 * in-memory fake; with the policy store's reads that involve groups (policies naming a group, the members of
 * groups that a role's candidates include).
 */
abstract class AccessGroupStoreContract {
    static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");
    static final String ACCOUNT = "a".repeat(32);
    static final String OTHER = "b".repeat(32);
    static final String OWNER = "IBMid-OWNER00001";
    static final String ALICE = "IBMid-ALICE00001";
    static final String ROBOT = "iam-ServiceId-00000000-0000-4000-8000-000000000001";
    StoresUnderTest stores;
    AccessGroupStore store;

    abstract StoresUnderTest open();

    @BeforeEach
    void setUp() {
        stores = open();
        store = stores.accessGroups();
        stores.users().insert(new User(OWNER, "owner@example.com", "O", "W", false, T0));
        stores.accounts().insert(new Account(ACCOUNT, "Acme", OWNER, T0));
        stores.accounts().insert(new Account(OTHER, "Other", OWNER, T0));
    }

    @AfterEach
    void tearDown() {
        stores.close();
    }

    static AccessGroup group(String id, String account, String name) {
        return new AccessGroup("AccessGroupId-" + id, account, name, "about " + name, T0, OWNER, T0, OWNER, 1);
    }

    static AccessGroupMember member(AccessGroup group, String iamId, int second) {
        return new AccessGroupMember(group.id(), group.accountId(), iamId, AccessGroupMember.Type.of(iamId),
                T0.plusSeconds(second), OWNER);
    }

    @Test
    void groupsRoundTripListByNameAndUpdateOnlyAtTheirVersion() {
        AccessGroup zeta = group("z", ACCOUNT, "zeta");
        AccessGroup alpha = group("a", ACCOUNT, "alpha");
        store.insert(zeta);
        store.insert(alpha);
        store.insert(group("o", OTHER, "other's"));
        assertThat(store.find(zeta.id())).contains(zeta);
        assertThat(store.find("AccessGroupId-none")).isEmpty();
        assertThat(store.inAccount(ACCOUNT)).containsExactly(alpha, zeta);

        AccessGroup renamed = new AccessGroup(zeta.id(), ACCOUNT, "omega", null, T0, OWNER, T0.plusSeconds(5), ALICE, 2);
        assertThat(store.update(renamed, 2)).as("stale version").isFalse();
        assertThat(store.update(renamed, 1)).isTrue();
        assertThat(store.find(zeta.id())).contains(renamed);
        assertThat(store.delete(zeta.id())).isTrue();
        assertThat(store.delete(zeta.id())).isFalse();
        assertThat(store.inAccount(ACCOUNT)).containsExactly(alpha);
    }

    @Test
    void membersAreKeptOnceListedInOrderAndGoWithTheirGroup() {
        AccessGroup g = group("g", ACCOUNT, "g");
        AccessGroup h = group("h", ACCOUNT, "h");
        store.insert(g);
        store.insert(h);
        assertThat(store.addMember(member(g, ROBOT, 1))).isTrue();
        assertThat(store.addMember(member(g, ALICE, 2))).isTrue();
        assertThat(store.addMember(member(g, ALICE, 3))).as("already a member").isFalse();
        assertThat(store.addMember(member(h, ALICE, 4))).isTrue();

        assertThat(store.member(g.id(), ALICE)).contains(member(g, ALICE, 2));
        assertThat(store.members(g.id(), null, AccessGroupStore.MemberSort.CREATED_AT, 0, 10).items())
                .extracting(AccessGroupMember::iamId).containsExactly(ROBOT, ALICE);
        assertThat(store.members(g.id(), null, AccessGroupStore.MemberSort.IAM_ID, 0, 1).items())
                .extracting(AccessGroupMember::iamId).containsExactly(ALICE);
        assertThat(store.members(g.id(), null, AccessGroupStore.MemberSort.IAM_ID, 0, 1).hasMore()).isTrue();
        assertThat(store.members(g.id(), AccessGroupMember.Type.SERVICE, AccessGroupStore.MemberSort.TYPE, 0, 10)
                .items()).extracting(AccessGroupMember::type).containsExactly(AccessGroupMember.Type.SERVICE);
        assertThat(store.memberCount(g.id(), null)).isEqualTo(2);
        assertThat(store.memberCount(g.id(), AccessGroupMember.Type.USER)).isEqualTo(1);
        assertThat(store.groupsOf(ACCOUNT, ALICE)).containsExactly(g.id(), h.id());
        assertThat(store.groupsOf(OTHER, ALICE)).isEmpty();

        assertThat(store.removeMember(h.id(), ALICE)).isTrue();
        assertThat(store.removeMember(h.id(), ALICE)).isFalse();
        store.delete(g.id());
        assertThat(store.groupsOf(ACCOUNT, ALICE)).as("went with the group").isEmpty();
        assertThat(store.memberCount(g.id(), null)).isZero();
    }

    @Test
    void removeEverywhereTakesAMemberOutOfEveryGroupOfOneAccount() {
        AccessGroup g = group("g", ACCOUNT, "g");
        AccessGroup h = group("h", ACCOUNT, "h");
        AccessGroup o = group("o", OTHER, "o");
        List.of(g, h, o).forEach(store::insert);
        List.of(g, h, o).forEach(x -> store.addMember(member(x, ALICE, 1)));
        assertThat(stores.tx().inTransaction(() -> store.removeEverywhere(ACCOUNT, ALICE)))
                .containsExactly(g.id(), h.id());
        assertThat(store.groupsOf(ACCOUNT, ALICE)).isEmpty();
        assertThat(store.groupsOf(OTHER, ALICE)).containsExactly(o.id());
    }

    @Test
    void aMemberWritesIntoAGroupThatIsGoneFail() {
        assertThatThrownBy(() -> store.addMember(member(group("nope", ACCOUNT, "nope"), ALICE, 1)))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void settingsAreAbsentUntilSavedThenOverwritten() {
        assertThat(store.settings(ACCOUNT)).isEmpty();
        AccessGroupSettings off = new AccessGroupSettings(ACCOUNT, false, T0, OWNER);
        store.saveSettings(off);
        assertThat(store.settings(ACCOUNT)).contains(off);
        AccessGroupSettings on = new AccessGroupSettings(ACCOUNT, true, T0.plusSeconds(1), ALICE);
        store.saveSettings(on);
        assertThat(store.settings(ACCOUNT)).contains(on);
        assertThat(store.settings(OTHER)).isEmpty();
    }

    @Test
    void policiesNamingGroupsAreFoundForSubjectsAndTheirMembersAreCandidatesForARole() {
        AccessGroup g = group("g", ACCOUNT, "admins");
        store.insert(g);
        store.addMember(member(g, ALICE, 1));
        store.addMember(member(g, ROBOT, 2));
        Policy toGroup = Policy.grant("p-group", ACCOUNT, g.id(), List.of(Role.ADMINISTRATOR.crn()),
                List.of(new Policy.Attribute("accountId", ACCOUNT, null),
                        new Policy.Attribute("serviceName", "iam-identity", null)), null, OWNER, T0);
        Policy toOwner = Policy.grant("p-owner", ACCOUNT, OWNER, List.of(Role.ADMINISTRATOR.crn()),
                List.of(new Policy.Attribute("accountId", ACCOUNT, null)), null, OWNER, T0.plusSeconds(1));
        stores.policies().insert(toGroup);
        stores.policies().insert(toOwner);
        assertThat(stores.policies().forSubjects(ACCOUNT, List.of(ALICE, g.id()))).containsExactly(toGroup);
        assertThat(stores.policies().forSubjects(ACCOUNT, List.of(OWNER, g.id()))).containsExactly(toGroup, toOwner);
        assertThat(stores.policies().subjectsGranted(ACCOUNT, "iam-identity", Role.ADMINISTRATOR.crn()))
                .as("the group's members, not the group").containsExactly(ALICE, OWNER, ROBOT);
    }
}
