package dev.latchkey.core.access;

import static dev.latchkey.core.InMemoryServices.ACCOUNT;
import static dev.latchkey.core.InMemoryServices.OTHER_ACCOUNT;
import static dev.latchkey.core.InMemoryServices.OWNER;
import static dev.latchkey.core.InMemoryServices.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.InMemoryServices;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.EntityTag;
import dev.latchkey.core.common.ErrorCode;
import dev.latchkey.core.common.Principal;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class CustomRoleServiceTest {
    final InMemoryServices s = new InMemoryServices();
    final CustomRoleService roles = s.customRoles;
    final Principal alice = s.member("IBMid-ALICE00001");
    final Resource shelves = Resource.of(ACCOUNT, "books", "shelf", "fiction");

    static void refused(ErrorCode code, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.errorCode()).isEqualTo(code));
    }

    CustomRole shelfWriter() {
        return roles.create(OWNER, new CustomRoleService.NewRole(ACCOUNT, "ShelfWriter", "Shelf writer",
                "writes shelves", "books", List.of("books.shelf.read", "books.shelf.write")));
    }

    PolicyRequest grant(String iamId, String roleCrn, String service) {
        return new PolicyRequest("access", List.of(new PolicyRequest.Subject(List.of(new Policy.Attribute("iam_id",
                iamId, null)))), List.of(roleCrn), List.of(new PolicyRequest.ResourceSpec(List.of(
                new Policy.Attribute("accountId", ACCOUNT, null), new Policy.Attribute("serviceName", service, null)),
                null)), null);
    }

    @Test
    void aCustomRoleGrantsExactlyItsActionsOnItsServiceAndChangesApplyAtOnce() {
        CustomRole role = shelfWriter();
        assertThat(role.crn()).isEqualTo("crn:v1:bluemix:public:iam-access-management::a/" + ACCOUNT
                + "::customRole:ShelfWriter");
        s.policies.create(OWNER, grant(alice.iamId(), role.crn(), "books"));
        Decision write = s.access.check(alice, "books.shelf.write", shelves);
        assertThat(write.permitted()).isTrue();
        assertThat(write.reason()).contains("Shelf writer (custom role)");
        assertThat(s.access.permits(alice, "books.shelf.delete", shelves)).isFalse();
        assertThat(s.access.permits(alice, "books.shelf.write", Resource.of(ACCOUNT, "music", "shelf", "x")))
                .isFalse();
        assertThat(s.access.actionsOn(alice, shelves)).containsExactly("books.shelf.read", "books.shelf.write");

        roles.replace(OWNER, role.id(), EntityTag.of(role.id(), 1), "Shelf reader", null,
                List.of("books.shelf.read"));
        assertThat(s.access.permits(alice, "books.shelf.write", shelves)).as("the next decision").isFalse();
        assertThat(s.access.permits(alice, "books.shelf.read", shelves)).isTrue();
    }

    @Test
    void aRoleInUseCannotBeDeletedAndAPolicyMustNameTheRolesService() {
        CustomRole role = shelfWriter();
        assertThatThrownBy(() -> s.policies.create(OWNER, grant(alice.iamId(), role.crn(), "music")))
                .hasMessageContaining("must name serviceName books");
        Policy policy = s.policies.create(OWNER, grant(alice.iamId(), role.crn(), "books"));
        refused(ErrorCode.ROLE_IN_USE, () -> roles.delete(OWNER, role.id()));
        s.policies.updateState(OWNER, policy.id(), "*", "deleted");
        refused(ErrorCode.ROLE_IN_USE, () -> roles.delete(OWNER, role.id()));
        s.policies.delete(OWNER, policy.id());
        roles.delete(OWNER, role.id());
        refused(ErrorCode.NOT_FOUND, () -> roles.get(OWNER, role.id()));
        assertThatThrownBy(() -> s.policies.create(OWNER, grant(alice.iamId(), role.crn(), "books")))
                .hasMessageContaining("is not a custom role of account");
    }

    @Test
    void onlyRoleManagersWriteRolesAndAnyMemberOfTheAccountReadsThem() {
        CustomRole role = shelfWriter();
        assertThat(roles.get(alice, role.id())).isEqualTo(role);
        assertThat(roles.list(alice, "books")).containsExactly(role);
        refused(ErrorCode.FORBIDDEN, () -> roles.get(STRANGER, role.id()));
        refused(ErrorCode.FORBIDDEN, () -> roles.create(alice, new CustomRoleService.NewRole(ACCOUNT, "Mine",
                "Mine", null, "books", List.of("books.shelf.read"))));
        refused(ErrorCode.FORBIDDEN, () -> roles.delete(alice, role.id()));
        refused(ErrorCode.FORBIDDEN, () -> roles.create(OWNER, new CustomRoleService.NewRole(OTHER_ACCOUNT, "Mine",
                "Mine", null, "books", List.of("books.shelf.read"))));
        s.grant(alice.iamId(), Role.ADMINISTRATOR, "serviceName", AccessDecider.ACCESS_MANAGEMENT);
        assertThat(roles.mayManage(alice)).isTrue();
        CustomRole hers = roles.create(alice, new CustomRoleService.NewRole(ACCOUNT, "Mine", "Mine", null, "books",
                List.of("books.shelf.read")));
        assertThat(hers.createdBy()).isEqualTo(alice.iamId());
    }

    @Test
    void badRolesAreRefusedNamingTheField() {
        String[][] cases = {
                {"lowercase", "Display", "books", "books.shelf.read", "'name'"},
                {"Ok", "", "books", "books.shelf.read", "'display_name'"},
                {"Ok", "Display", "Books!", "books.shelf.read", "'service_name'"},
                {"Ok", "Display", "iam", "iam.policy.create", "'service_name'"},
                {"Ok", "Display", "books", "music.shelf.read", "'actions[0]'"},
                {"Ok", "Display", "books", "books.*", "'actions[0]'"},
                {"Ok", "Display", "iam-identity", "iam-identity.apikey.fly", "is not an action of iam-identity"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> roles.create(OWNER, new CustomRoleService.NewRole(ACCOUNT, c[0], c[1], null,
                    c[2], List.of(c[3])))).as(c[4]).isInstanceOfSatisfying(DomainException.class, e -> {
                        assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_REQUEST);
                        assertThat(e.getMessage()).contains(c[4]);
                    });
        }
        refused(ErrorCode.INVALID_REQUEST, () -> roles.create(OWNER, new CustomRoleService.NewRole(ACCOUNT, "Ok",
                "Display", null, "books", List.of())));
        assertThat(roles.list(OWNER, null)).isEmpty();
        shelfWriter();
        refused(ErrorCode.DUPLICATE_VALUE, this::shelfWriter);
        CustomRole identity = roles.create(OWNER, new CustomRoleService.NewRole(ACCOUNT, "KeyReader", "Key reader",
                null, "iam-identity", List.of("iam-identity.apikey.get", "iam-identity.apikey.list")));
        assertThat(identity.actions()).hasSize(2);
    }

    @Test
    void aReplaceNeedsTheCurrentEtag() {
        CustomRole role = shelfWriter();
        refused(ErrorCode.MISSING_IF_MATCH, () -> roles.replace(OWNER, role.id(), null, "x", null,
                List.of("books.shelf.read")));
        CustomRole replaced = roles.replace(OWNER, role.id(), "*", "Renamed", "d", List.of("books.shelf.read"));
        assertThat(replaced.version()).isEqualTo(2);
        refused(ErrorCode.ENTITY_TAG_MISMATCH, () -> roles.replace(OWNER, role.id(), EntityTag.of(role.id(), 1),
                "stale", null, List.of("books.shelf.read")));
    }
}
