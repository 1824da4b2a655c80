package dev.latchkey.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoleTest {
    @Test
    void actionsOnIamIdentityAreTheConcreteActionsThePatternsCover() {
        assertThat(Role.VIEWER.actions("iam-identity"))
                .containsExactly("iam-identity.serviceid.get", "iam-identity.serviceid.list",
                        "iam-identity.serviceidgroup.get", "iam-identity.serviceidgroup.list");
        assertThat(Role.OPERATOR.actions("iam-identity")).contains("iam-identity.serviceid.create",
                "iam-identity.serviceid.delete", "iam-identity.apikey.create").doesNotContain(
                "iam-identity.apikey.manage", "iam.policy.create");
        assertThat(Role.ADMINISTRATOR.actions("iam-identity")).contains("iam-identity.apikey.manage",
                "iam-identity.account.update", "iam.policy.create", "iam.policy.read").hasSize(22);
        assertThat(Role.SERVICE_ID_CREATOR.actions("iam-identity")).containsExactly("iam-identity.serviceid.create");
        // service ID groups (decision 0043): Editor creates and changes them, Operator and Administrator also delete
        assertThat(Role.EDITOR.actions("iam-identity")).contains("iam-identity.serviceidgroup.create",
                "iam-identity.serviceidgroup.update").doesNotContain("iam-identity.serviceidgroup.delete");
        assertThat(Role.OPERATOR.actions("iam-identity")).contains("iam-identity.serviceidgroup.delete");
        assertThat(Role.ADMINISTRATOR.actions("iam-identity")).contains("iam-identity.serviceidgroup.delete");
        assertThat(Role.ADMINISTRATOR.actions("iam-identity")).allSatisfy(a -> assertThat(a).doesNotContain("*"));
    }

    @Test
    void actionsOnAServiceWithoutAKnownListAreThePatternsThatApplyThere() {
        assertThat(Role.READER.actions("cloud-object-storage")).containsExactly("cloud-object-storage.*.get",
                "cloud-object-storage.*.list", "cloud-object-storage.*.read");
        // Viewer's literal IAM actions belong to the IAM services, not to this one; its instance actions do.
        assertThat(Role.VIEWER.actions("cloud-object-storage")).containsExactly("cloud-object-storage.*.get",
                "cloud-object-storage.*.list", "cloud-object-storage.*.view", "resource-controller.instance.retrieve",
                "resource-controller.key.retrieve");
        assertThat(Role.ADMINISTRATOR.actions("cloud-object-storage")).contains("cloud-object-storage.*",
                "iam.policy.create", "iam.policy.delete", "iam.policy.read", "iam.policy.update",
                "resource-controller.instance.create", "resource-controller.credential.retrieve_all",
                "resource-controller.plan.create", "resource-controller.plan.delete").hasSize(16);
    }

    @Test
    void instancesAndCredentialsAreManagedByPlatformRolesOnlyNeverByAServiceRole() {
        assertThat(Role.EDITOR.grants("books", "resource-controller.key.create")).isTrue();
        assertThat(Role.EDITOR.grants("books", "resource-controller.credential.retrieve_all")).isTrue();
        assertThat(Role.VIEWER.grants("books", "resource-controller.instance.retrieve")).isTrue();
        assertThat(Role.VIEWER.grants("books", "resource-controller.instance.create")).isFalse();
        assertThat(Role.OPERATOR.grants("books", "resource-controller.key.create")).isFalse();
        assertThat(Role.EDITOR.grants("books", "resource-controller.plan.create")).as("the catalogue: Administrator")
                .isFalse();
        assertThat(Role.ADMINISTRATOR.grants("books", "resource-controller.plan.delete")).isTrue();
        for (Role serviceRole : new Role[] {Role.READER, Role.WRITER, Role.MANAGER}) {
            assertThat(serviceRole.grants("books", "resource-controller.instance.retrieve")).as(serviceRole.name())
                    .isFalse();
            assertThat(serviceRole.grants("books", "resource-controller.credential.retrieve_all"))
                    .as(serviceRole.name()).isFalse();
        }
        assertThat(Role.VIEWER.actions("iam-identity")).as("no instances of the IAM services")
                .noneMatch(a -> a.startsWith("resource-controller."));
    }

    @Test
    void onlyAdministratorAssignsAccessNotManager() {
        assertThat(Role.ADMINISTRATOR.grants("billing", "iam.policy.create")).isTrue();
        assertThat(Role.MANAGER.grants("billing", "iam.policy.create")).isFalse();
        assertThat(Role.EDITOR.grants("iam-identity", "iam.policy.create")).isFalse();
        assertThat(Role.MANAGER.grants("billing", "billing.invoice.read")).isTrue();
    }

    @Test
    void serviceRolesAreOfferedWhereTheyApply() {
        assertThat(Role.SERVICE_ID_CREATOR.offeredFor("iam-identity")).isTrue();
        assertThat(Role.SERVICE_ID_CREATOR.offeredFor("billing")).isFalse();
        assertThat(Role.READER.offeredFor("iam-identity")).isFalse();
        assertThat(Role.READER.offeredFor("billing")).isTrue();
        assertThat(Role.VIEWER.offeredFor("iam-identity")).isTrue();
        assertThat(Role.USER_API_KEY_CREATOR.offeredFor(null)).isTrue();
    }
}
