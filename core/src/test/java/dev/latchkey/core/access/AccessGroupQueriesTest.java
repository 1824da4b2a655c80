package dev.latchkey.core.access;

import static dev.latchkey.core.InMemoryServices.ACCOUNT;
import static dev.latchkey.core.InMemoryServices.OWNER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.InMemoryServices;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.Principal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the console asks before it offers an action on access groups: each answer agrees with what the action
 * itself would do, so nothing is offered that is then refused, and nothing allowed is hidden.
 */
class AccessGroupQueriesTest {
    final InMemoryServices s = new InMemoryServices();
    final AccessGroupService groups = s.accessGroups;
    final Principal alice = s.member("IBMid-ALICE00001");
    final Principal bob = s.member("IBMid-BOB0000001");

    AccessGroup group(String name) {
        return groups.create(OWNER, ACCOUNT, name, null);
    }

    @Test
    void createIsForEditorsOfGroupsAndTheOwner() {
        assertThat(groups.mayCreate(OWNER)).isTrue();
        assertThat(groups.mayCreate(alice)).isFalse();
        assertThatThrownBy(() -> groups.create(alice, ACCOUNT, "x", null)).isInstanceOf(DomainException.class);
        s.grant(alice.iamId(), Role.EDITOR, "serviceName", AccessGroup.SERVICE);
        assertThat(groups.mayCreate(alice)).isTrue();
        s.grant(bob.iamId(), Role.VIEWER, "serviceName", AccessGroup.SERVICE);
        assertThat(groups.mayCreate(bob)).isFalse();
    }

    @Test
    void rightsFollowTheRolesOnTheGroupsService() {
        AccessGroup g = group("g");
        assertThat(groups.rights(OWNER).apply(g)).isEqualTo(new AccessGroupService.Rights(true, true, true, true,
                true));
        assertThat(groups.rights(alice).apply(g)).isEqualTo(new AccessGroupService.Rights(false, false, false, false,
                false));
        s.grant(alice.iamId(), Role.VIEWER, "serviceName", AccessGroup.SERVICE);
        assertThat(groups.rights(alice).apply(g)).isEqualTo(new AccessGroupService.Rights(false, false, true, false,
                false));
        s.grant(bob.iamId(), Role.EDITOR, "serviceName", AccessGroup.SERVICE);
        assertThat(groups.rights(bob).apply(g)).isEqualTo(new AccessGroupService.Rights(true, true, true, true,
                true));
    }

    @Test
    void whyNoAddSaysWhatAddingWouldSayAndAddableListsOnlyWhatMayBeAdded() {
        s.grant(alice.iamId(), Role.EDITOR, "serviceName", AccessGroup.SERVICE);
        AccessGroup plain = group("plain");
        AccessGroup admins = group("admins");
        s.grant(admins.id(), Role.ADMINISTRATOR, "serviceName", AccessDecider.ACCESS_MANAGEMENT);
        AccessGroup viewers = group("viewers");
        s.grant(viewers.id(), Role.VIEWER, "serviceName", Policy.IAM_IDENTITY);

        assertThat(groups.whyNoAdd(alice, plain.id())).isEmpty();
        assertThat(groups.whyNoAdd(alice, admins.id())).hasValueSatisfying(why -> assertThat(why)
                .contains("a member gets what its policy"));
        String refusal = null;
        try {
            groups.addMembers(alice, admins.id(), List.of(new AccessGroupService.NewMember(bob.iamId(), "user")));
        } catch (DomainException e) {
            refusal = e.getMessage();
        }
        assertThat(groups.whyNoAdd(alice, admins.id())).contains(refusal);
        assertThat(groups.whyNoAdd(bob, plain.id())).hasValueSatisfying(why -> assertThat(why)
                .contains(AccessGroupService.MEMBERS_ADD));

        assertThat(groups.addableBy(alice, bob.iamId())).extracting(AccessGroup::name).containsExactly("plain");
        assertThat(groups.addableBy(OWNER, bob.iamId())).extracting(AccessGroup::name)
                .containsExactly("admins", "plain", "viewers");
        s.grant(alice.iamId(), Role.ADMINISTRATOR, "serviceName", Policy.IAM_IDENTITY);
        assertThat(groups.addableBy(alice, bob.iamId())).extracting(AccessGroup::name)
                .containsExactly("plain", "viewers");
        groups.addMembers(alice, viewers.id(), List.of(new AccessGroupService.NewMember(bob.iamId(), "user")));
        assertThat(groups.addableBy(alice, bob.iamId())).as("not the groups bob is in").extracting(AccessGroup::name)
                .containsExactly("plain");
        assertThat(groups.addableBy(bob, alice.iamId())).isEmpty();
    }
}
