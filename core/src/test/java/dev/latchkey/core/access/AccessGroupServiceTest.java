package dev.latchkey.core.access;

import static dev.latchkey.core.InMemoryServices.ACCOUNT;
import static dev.latchkey.core.InMemoryServices.OTHER_ACCOUNT;
import static dev.latchkey.core.InMemoryServices.OWNER;
import static dev.latchkey.core.InMemoryServices.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.InMemoryServices;
import dev.latchkey.core.audit.AuditEvent;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.EntityTag;
import dev.latchkey.core.common.ErrorCode;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.identity.UserService;
import dev.latchkey.core.serviceid.CreateServiceId;
import dev.latchkey.core.serviceid.ServiceId;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class AccessGroupServiceTest {
    final InMemoryServices s = new InMemoryServices();
    final AccessGroupService groups = s.accessGroups;
    final Principal alice = s.member("IBMid-ALICE00001");
    final Principal bob = s.member("IBMid-BOB0000001");
    final Resource identity = Resource.service(ACCOUNT, Policy.IAM_IDENTITY);

    static void refused(ErrorCode code, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.errorCode()).isEqualTo(code));
    }

    AccessGroup group(String name) {
        return groups.create(OWNER, ACCOUNT, name, "the " + name);
    }

    void grantToGroup(AccessGroup group, Role role, String service) {
        s.grant(group.id(), role, "serviceName", service);
    }

    List<AccessGroupService.Outcome> add(Principal caller, AccessGroup group, Principal... who) {
        return groups.addMembers(caller, group.id(), java.util.Arrays.stream(who)
                .map(p -> new AccessGroupService.NewMember(p.iamId(), p.isServiceId() ? "service" : "user")).toList());
    }

    @Test
    void aMemberHoldsWhatTheGroupsPoliciesGrantFromTheNextDecisionAndLosesItOnLeaving() {
        AccessGroup admins = group("identity admins");
        grantToGroup(admins, Role.ADMINISTRATOR, Policy.IAM_IDENTITY);
        assertThat(s.access.permits(alice, "iam-identity.apikey.delete", identity)).isFalse();

        assertThat(add(OWNER, admins, alice)).allMatch(AccessGroupService.Outcome::succeeded);
        Decision decision = s.access.check(alice, "iam-identity.apikey.delete", identity);
        assertThat(decision.permitted()).isTrue();
        assertThat(decision.reason()).contains("through access group " + admins.id());
        assertThat(s.access.permits(bob, "iam-identity.apikey.delete", identity)).as("not a member").isFalse();

        groups.removeMember(OWNER, admins.id(), alice.iamId());
        assertThat(s.access.permits(alice, "iam-identity.apikey.delete", identity)).isFalse();
    }

    @Test
    void groupsAreCreatedReadRenamedWithIfMatchListedAndAudited() {
        AccessGroup created = group("auditors");
        assertThat(created.id()).startsWith("AccessGroupId-");
        assertThat(groups.get(OWNER, created.id())).isEqualTo(created);
        refused(ErrorCode.MISSING_IF_MATCH, () -> groups.update(OWNER, created.id(), null, "x", null));
        AccessGroup renamed = groups.update(OWNER, created.id(), EntityTag.of(created.id(), 1), "Auditors", null);
        assertThat(renamed.name()).isEqualTo("Auditors");
        assertThat(renamed.description()).as("left out: kept").isEqualTo("the auditors");
        refused(ErrorCode.ENTITY_TAG_MISMATCH, () -> groups.update(OWNER, created.id(), EntityTag.of(created.id(), 1),
                "stale", null));
        group("billing");
        var listed = groups.list(OWNER, new AccessGroupService.ListGroups(ACCOUNT, null, null, null, null, 0, 1));
        assertThat(listed.total()).isEqualTo(2);
        assertThat(listed.items()).extracting(AccessGroup::name).containsExactly("Auditors");
        assertThat(listed.hasMore()).isTrue();
        assertThat(groups.list(OWNER, new AccessGroupService.ListGroups(ACCOUNT, null, "name:bill", null, null, 0,
                10)).items()).extracting(AccessGroup::name).containsExactly("billing");
        assertThat(s.audited).extracting(AuditEvent::action).containsSubsequence("iam-groups.group.create",
                "iam-groups.group.update", "iam-groups.group.create");
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndWritesNothing() {
        refused(ErrorCode.INVALID_REQUEST, () -> groups.list(OWNER, new AccessGroupService.ListGroups(ACCOUNT, null,
                "colour:blue", null, null, 0, 10)));
        refused(ErrorCode.INVALID_REQUEST, () -> groups.create(OWNER, ACCOUNT, " ", null));
        refused(ErrorCode.INVALID_REQUEST, () -> groups.create(OWNER, ACCOUNT, "x".repeat(101), null));
        refused(ErrorCode.INVALID_REQUEST, () -> groups.create(OWNER, ACCOUNT, "ok", "d".repeat(251)));
        refused(ErrorCode.INVALID_REQUEST, () -> groups.create(OWNER, null, "ok", null));
        refused(ErrorCode.FORBIDDEN, () -> groups.create(OWNER, OTHER_ACCOUNT, "ok", null));
        assertThat(s.stores.accessGroups.inAccount(ACCOUNT)).isEmpty();
        AccessGroup g = group("g");
        var outcomes = groups.addMembers(OWNER, g.id(), List.of(
                new AccessGroupService.NewMember(alice.iamId(), "service"),
                new AccessGroupService.NewMember(alice.iamId(), "profile"),
                new AccessGroupService.NewMember("IBMid-NOBODY0001", "user"),
                new AccessGroupService.NewMember(STRANGER.iamId(), "user"),
                new AccessGroupService.NewMember(bob.iamId(), "user")));
        assertThat(outcomes).extracting(o -> o.refusal() == null ? null : o.refusal().errorCode()).containsExactly(
                ErrorCode.INVALID_REQUEST, ErrorCode.INVALID_REQUEST, ErrorCode.NOT_FOUND, ErrorCode.NOT_FOUND, null);
        assertThat(outcomes.get(1).refusal().getMessage()).contains("no trusted profiles");
        assertThat(s.stores.accessGroups.groupsOf(ACCOUNT, bob.iamId())).containsExactly(g.id());
        refused(ErrorCode.INVALID_REQUEST, () -> groups.addMembers(OWNER, g.id(), java.util.Collections.nCopies(51,
                new AccessGroupService.NewMember(bob.iamId(), "user"))));
    }

    @Test
    void anEditorOfGroupsCannotJoinAGroupThatGrantsMoreThanTheyCouldGrant() {
        s.grant(alice.iamId(), Role.EDITOR, "serviceName", AccessGroup.SERVICE);
        AccessGroup plain = groups.create(alice, ACCOUNT, "plain", null);
        AccessGroup admins = group("admins");
        grantToGroup(admins, Role.ADMINISTRATOR, "iam-access-management");

        assertThat(add(alice, plain, alice, bob)).allMatch(AccessGroupService.Outcome::succeeded);
        assertThatThrownBy(() -> add(alice, admins, alice)).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.FORBIDDEN);
            assertThat(e.getMessage()).contains("a member gets what its policy");
        });
        assertThat(s.stores.accessGroups.groupsOf(ACCOUNT, alice.iamId())).containsExactly(plain.id());
        var multi = groups.addToGroups(alice, ACCOUNT, alice.iamId(), "user", List.of(plain.id(), admins.id()));
        assertThat(multi).extracting(AccessGroupService.Outcome::succeeded).containsExactly(true, false);
        // an IAM Identity Administrator may put people into a group whose policies are all on iam-identity
        AccessGroup identityAdmins = group("identity admins");
        grantToGroup(identityAdmins, Role.ADMINISTRATOR, Policy.IAM_IDENTITY);
        s.grant(bob.iamId(), Role.ADMINISTRATOR, "serviceName", Policy.IAM_IDENTITY);
        s.grant(bob.iamId(), Role.EDITOR, "serviceName", AccessGroup.SERVICE);
        assertThat(add(bob, identityAdmins, alice)).allMatch(AccessGroupService.Outcome::succeeded);
        refused(ErrorCode.FORBIDDEN, () -> add(bob, admins, alice));
    }

    @Test
    void viewersReadAndMembersSeeTheirGroupsButOnlyEditorsChangeThem() {
        AccessGroup g = group("readers");
        add(OWNER, g, bob);
        Principal viewer = s.member("IBMid-VIEWER0001");
        s.grant(viewer.iamId(), Role.VIEWER, "serviceName", AccessGroup.SERVICE);
        assertThat(groups.get(viewer, g.id())).isEqualTo(g);
        assertThat(groups.members(viewer, g.id(), null, null, null, true, 0, 10).items())
                .extracting(m -> m.description().email()).containsExactly("ibmid-bob0000001@example.com");
        refused(ErrorCode.FORBIDDEN, () -> groups.update(viewer, g.id(), "*", "x", null));
        refused(ErrorCode.FORBIDDEN, () -> add(viewer, g, viewer));
        assertThat(groups.get(bob, g.id())).as("a member reads its group").isEqualTo(g);
        assertThat(groups.isMember(bob, g.id(), bob.iamId())).isTrue();
        refused(ErrorCode.FORBIDDEN, () -> groups.members(bob, g.id(), null, null, null, false, 0, 10));
        refused(ErrorCode.FORBIDDEN, () -> groups.get(alice, g.id()));
        assertThat(groups.list(alice, new AccessGroupService.ListGroups(ACCOUNT, null, null, null, null, 0, 10))
                .items()).isEmpty();
        assertThat(groups.list(bob, new AccessGroupService.ListGroups(ACCOUNT, null, null, null, null, 0, 10))
                .items()).containsExactly(g);
        refused(ErrorCode.FORBIDDEN, () -> groups.get(STRANGER, g.id()));
    }

    @Test
    void deletingAGroupWithMembersNeedsForceAndTakesItsPoliciesAndMemberships() {
        AccessGroup g = group("doomed");
        grantToGroup(g, Role.VIEWER, Policy.IAM_IDENTITY);
        add(OWNER, g, alice);
        refused(ErrorCode.INVALID_STATE, () -> groups.delete(OWNER, g.id(), false));
        assertThat(s.stores.accessGroups.find(g.id())).isPresent();
        groups.delete(OWNER, g.id(), true);
        assertThat(s.stores.accessGroups.find(g.id())).isEmpty();
        assertThat(s.stores.policies.forSubject(ACCOUNT, g.id())).isEmpty();
        assertThat(s.stores.accessGroups.groupsOf(ACCOUNT, alice.iamId())).isEmpty();
        refused(ErrorCode.NOT_FOUND, () -> groups.get(OWNER, g.id()));
    }

    @Test
    void leavingTheAccountOrDeletingAServiceIdTakesItOutOfEveryGroup() {
        AccessGroup one = group("one");
        AccessGroup two = group("two");
        ServiceId robot = s.serviceIds.create(OWNER, new CreateServiceId(null, "robot", null, null, null, false))
                .serviceId();
        Principal robotPrincipal = new Principal(robot.iamId(), ACCOUNT);
        add(OWNER, one, alice, robotPrincipal);
        add(OWNER, two, alice);
        s.users.remove(OWNER, ACCOUNT, alice.iamId());
        assertThat(s.stores.accessGroups.groupsOf(ACCOUNT, alice.iamId())).isEmpty();
        s.serviceIds.delete(OWNER, robot.id());
        assertThat(s.stores.accessGroups.groupsOf(ACCOUNT, robot.iamId())).isEmpty();
        refused(ErrorCode.NOT_FOUND, () -> groups.removeFromAll(OWNER, ACCOUNT, alice.iamId()));
    }

    @Test
    void removeFromAllAndBulkRemovalReportEachOne() {
        AccessGroup one = group("one");
        AccessGroup two = group("two");
        add(OWNER, one, alice, bob);
        add(OWNER, two, alice);
        var bulk = groups.removeMembers(OWNER, one.id(), List.of(bob.iamId(), "IBMid-NOBODY0001"));
        assertThat(bulk).extracting(AccessGroupService.Outcome::succeeded).containsExactly(true, false);
        var all = groups.removeFromAll(OWNER, ACCOUNT, alice.iamId());
        assertThat(all).extracting(AccessGroupService.Outcome::groupId).containsExactlyInAnyOrder(one.id(), two.id());
        assertThat(s.stores.accessGroups.groupsOf(ACCOUNT, alice.iamId())).isEmpty();
    }

    @Test
    void anInvitationPutsTheInviteeIntoItsGroupsOrIsRefusedWhole() {
        AccessGroup g = group("newcomers");
        grantToGroup(g, Role.VIEWER, Policy.IAM_IDENTITY);
        var invited = s.users.invite(OWNER, ACCOUNT, List.of(new UserService.Invitee("new@example.com", null, null,
                false)), List.of(), List.of(g.id()));
        String newcomer = invited.getFirst().user().iamId();
        assertThat(s.stores.accessGroups.groupsOf(ACCOUNT, newcomer)).containsExactly(g.id());

        refused(ErrorCode.INVALID_REQUEST, () -> s.users.invite(OWNER, ACCOUNT, List.of(new UserService.Invitee(
                "other@example.com", null, null, false)), List.of(), List.of("AccessGroupId-nope")));
        assertThat(s.stores.users.findByEmail("other@example.com")).as("nothing written").isEmpty();
    }

    @Test
    void policiesNamingAGroupAreReadableByItsMembersAndListedByGroup() {
        AccessGroup g = group("readers");
        grantToGroup(g, Role.VIEWER, Policy.IAM_IDENTITY);
        add(OWNER, g, alice);
        Policy policy = s.stores.policies.forSubject(ACCOUNT, g.id()).getFirst();
        assertThat(s.access.checkPolicyRead(alice, policy).permitted()).isTrue();
        assertThat(s.access.checkPolicyRead(bob, policy).permitted()).isFalse();
        var listed = s.policies.list(OWNER, new ListPolicies(ACCOUNT, null, g.id(), null, ListPolicies.State.ACTIVE,
                0, 10));
        assertThat(listed.items()).containsExactly(policy);
    }

    @Test
    void settingsDefaultToPublicAccessAndChangeOnlyForAdministrators() {
        assertThat(groups.settings(OWNER, ACCOUNT).publicAccessEnabled()).isTrue();
        s.grant(alice.iamId(), Role.EDITOR, "serviceName", AccessGroup.SERVICE);
        assertThat(groups.settings(alice, ACCOUNT).publicAccessEnabled()).isTrue();
        refused(ErrorCode.FORBIDDEN, () -> groups.updateSettings(alice, ACCOUNT, false));
        refused(ErrorCode.INVALID_REQUEST, () -> groups.updateSettings(OWNER, ACCOUNT, null));
        AccessGroupSettings changed = groups.updateSettings(OWNER, ACCOUNT, false);
        assertThat(changed.modifiedBy()).isEqualTo(OWNER.iamId());
        assertThat(groups.settings(alice, ACCOUNT)).isEqualTo(changed);
        refused(ErrorCode.FORBIDDEN, () -> groups.settings(STRANGER, ACCOUNT));
    }
}
