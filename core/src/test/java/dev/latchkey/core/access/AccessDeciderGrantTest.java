package dev.latchkey.core.access;

import static dev.latchkey.core.access.InMemoryAccess.ACCOUNT;
import static dev.latchkey.core.access.InMemoryAccess.OTHER_ACCOUNT;
import static dev.latchkey.core.access.InMemoryAccess.OWNER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.common.Principal;
import java.util.Map;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

/** Handing a role to another identity (a service credential) never gives more than the caller holds there. */
class AccessDeciderGrantTest {
    final InMemoryAccess access = new InMemoryAccess();
    final AccessDecider decider = access.decider;
    final Resource instance = new Resource(Map.of("accountId", ACCOUNT, "serviceName", "books",
            "serviceInstance", "i-1", "resourceGroupId", "default"));

    @Test
    void anEditorAloneHandsOutPlatformRolesUpToEditorButNoDataAccess() {
        Principal editor = access.member("IBMid-EDITOR0001");
        access.grant(editor.iamId(), Role.EDITOR, "serviceName", "books");
        assertThat(decider.checkGrant(editor, Role.VIEWER, instance).permitted()).isTrue();
        assertThat(decider.checkGrant(editor, Role.EDITOR, instance).permitted()).isTrue();
        Decision writer = decider.checkGrant(editor, Role.WRITER, instance);
        assertThat(writer.permitted()).isFalse();
        assertThat(writer.reason()).contains("books.*.write", "books.*.read").doesNotContain("books.*.get");
        assertThat(decider.checkGrant(editor, Role.ADMINISTRATOR, instance).reason()).contains("iam.policy.*");
    }

    @Test
    void whoHoldsARoleOnTheInstanceMayHandItOutThereButNotOnAnotherInstance() {
        Principal writer = access.member("IBMid-WRITER0001");
        access.grant(writer.iamId(), Role.WRITER, "serviceName", "books", "serviceInstance", "i-1");
        assertThat(decider.checkGrant(writer, Role.WRITER, instance).permitted()).isTrue();
        assertThat(decider.checkGrant(writer, Role.READER, instance).permitted()).isTrue();
        assertThat(decider.checkGrant(writer, Role.MANAGER, instance).permitted()).isFalse();
        Resource other = new Resource(Map.of("accountId", ACCOUNT, "serviceName", "books", "serviceInstance", "i-2"));
        assertThat(decider.checkGrant(writer, Role.READER, other).permitted()).isFalse();
    }

    @Test
    void managerAndAdministratorCoverTheServiceRolesAndTheOwnerEverything() {
        Principal manager = access.member("IBMid-MANAGER001");
        access.grant(manager.iamId(), Role.MANAGER, "serviceName", "books");
        assertThat(decider.checkGrant(manager, Role.WRITER, instance).permitted()).isTrue();
        assertThat(decider.checkGrant(manager, Role.MANAGER, instance).permitted()).isTrue();
        assertThat(decider.checkGrant(manager, Role.VIEWER, instance).permitted())
                .as("Manager holds no platform action").isFalse();
        Principal admin = access.member("IBMid-ADMIN00001");
        access.grant(admin.iamId(), Role.ADMINISTRATOR, "serviceName", "books");
        for (Role role : new Role[] {Role.READER, Role.WRITER, Role.MANAGER, Role.VIEWER, Role.ADMINISTRATOR}) {
            assertThat(decider.checkGrant(admin, role, instance).permitted()).as(role.name()).isTrue();
            assertThat(decider.checkGrant(new Principal(OWNER, ACCOUNT), role, instance).permitted()).isTrue();
        }
    }

    @Test
    void permissionsAnswerAsCheckDoesWithThePoliciesReadOnce() {
        Principal viewer = access.member("IBMid-VIEWER0001");
        access.grant(viewer.iamId(), Role.VIEWER, "serviceName", "books");
        BiPredicate<String, Resource> permissions = decider.permissions(viewer);
        assertThat(permissions.test("resource-controller.instance.retrieve", instance)).isTrue();
        assertThat(permissions.test("resource-controller.instance.delete", instance)).isFalse();
        assertThat(permissions.test("resource-controller.instance.retrieve", new Resource(Map.of("accountId",
                OTHER_ACCOUNT, "serviceName", "books")))).as("another account").isFalse();
        assertThat(decider.permissions(new Principal(OWNER, ACCOUNT)).test("anything.at.all", instance)).isTrue();
    }
}
