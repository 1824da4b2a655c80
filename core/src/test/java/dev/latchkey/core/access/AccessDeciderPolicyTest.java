package dev.latchkey.core.access;

import static dev.latchkey.core.access.InMemoryAccess.ACCOUNT;
import static dev.latchkey.core.access.InMemoryAccess.OTHER_ACCOUNT;
import static dev.latchkey.core.access.InMemoryAccess.OWNER;
import static dev.latchkey.core.access.InMemoryAccess.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.common.Principal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who may read and write policies, and that nobody can grant more than they hold. */
class AccessDeciderPolicyTest {
    final InMemoryAccess access = new InMemoryAccess();
    final AccessDecider decider = access.decider;

    /** A policy (not stored) granting {@code role} to {@code subject} on the given resource attributes. */
    static Policy policy(String subject, Role role, String... nameValues) {
        List<Policy.Attribute> attributes = new ArrayList<>();
        attributes.add(new Policy.Attribute("accountId", ACCOUNT, null));
        for (int i = 0; i < nameValues.length; i += 2) {
            attributes.add(new Policy.Attribute(nameValues[i], nameValues[i + 1], null));
        }
        return Policy.grant("new", ACCOUNT, subject, List.of(role.crn()), attributes, null, OWNER, T0);
    }

    @Test
    void identityAdministratorAssignsAccessOnIamIdentityOnly() {
        Principal admin = access.member("IBMid-ADMIN00001");
        Policy held = access.grant(admin.iamId(), Role.ADMINISTRATOR, "serviceName", "iam-identity");
        Decision onIdentity = decider.checkPolicyWrite(admin,
                policy("IBMid-OTHER", Role.VIEWER, "serviceName", "iam-identity"), "create");
        assertThat(onIdentity.permitted()).isTrue();
        assertThat(onIdentity.policyId()).isEqualTo(held.id());
        assertThat(decider.checkPolicyWrite(admin,
                policy("IBMid-OTHER", Role.VIEWER, "serviceName", "iam-access-management"), "create").permitted())
                .isFalse();
        assertThat(decider.checkPolicyWrite(admin, policy("IBMid-OTHER", Role.VIEWER, "service_group_id", "IAM"),
                "create").permitted()).isFalse();
        assertThat(decider.checkPolicyWrite(admin, policy("IBMid-OTHER", Role.VIEWER, "serviceType", "service"),
                "create").reason()).contains("names no single service");
    }

    @Test
    void nobodyGrantsThemselvesMoreThanTheyHold() {
        Principal editor = access.member("IBMid-EDITOR0001");
        access.grant(editor.iamId(), Role.EDITOR, "serviceName", "iam-identity");
        assertThat(decider.checkPolicyWrite(editor,
                policy(editor.iamId(), Role.ADMINISTRATOR, "serviceName", "iam-identity"), "create").permitted())
                .as("an Editor cannot make themselves Administrator").isFalse();

        Principal instanceAdmin = access.member("IBMid-INSTADMIN1");
        access.grant(instanceAdmin.iamId(), Role.ADMINISTRATOR, "serviceName", "books", "serviceInstance", "i-1");
        assertThat(decider.checkPolicyWrite(instanceAdmin, policy("IBMid-X", Role.ADMINISTRATOR,
                "serviceName", "books", "serviceInstance", "i-1", "resourceType", "shelf"), "create").permitted())
                .as("within the instance").isTrue();
        assertThat(decider.checkPolicyWrite(instanceAdmin, policy(instanceAdmin.iamId(), Role.ADMINISTRATOR,
                "serviceName", "books"), "create").permitted()).as("the whole service").isFalse();

        Policy wildcard = new Policy("w", "access", ACCOUNT, instanceAdmin.iamId(), List.of(Role.ADMINISTRATOR.crn()),
                List.of(new Policy.Attribute("accountId", ACCOUNT, null),
                        new Policy.Attribute("serviceName", "books", null),
                        new Policy.Attribute("serviceInstance", "i-?", "stringMatch")), null, null, "active",
                T0, OWNER, T0, OWNER, 1);
        assertThat(decider.checkPolicyWrite(instanceAdmin, wildcard, "create").permitted())
                .as("a pattern that also matches i-2").isFalse();
        assertThat(decider.checkPolicyWrite(new Principal(OWNER, ACCOUNT), wildcard, "create").permitted()).isTrue();
    }

    @Test
    void accessManagementAdministratorAssignsAnythingInTheAccountOnly() {
        Principal admin = access.member("IBMid-IAMADMIN01");
        access.grant(admin.iamId(), Role.ADMINISTRATOR, "serviceName", "iam-access-management");
        assertThat(decider.checkPolicyWrite(admin, policy("IBMid-X", Role.ADMINISTRATOR, "serviceType", "service"),
                "delete").permitted()).isTrue();
        Policy foreign = new Policy("f", "access", OTHER_ACCOUNT, "IBMid-X", List.of(Role.VIEWER.crn()),
                List.of(new Policy.Attribute("accountId", OTHER_ACCOUNT, null),
                        new Policy.Attribute("serviceName", "iam-identity", null)), null, null, "active", T0, OWNER,
                T0, OWNER, 1);
        assertThat(decider.checkPolicyWrite(admin, foreign, "delete").permitted()).isFalse();
        assertThat(decider.checkPolicyRead(admin, foreign).permitted()).isFalse();
    }

    @Test
    void readersAreTheSubjectPolicyReadersAndAdministratorsOfTheResource() {
        Principal subject = access.member("IBMid-SUBJECT001");
        Policy own = access.grant(subject.iamId(), Role.VIEWER, "serviceName", "billing");
        Principal viewer = access.member("IBMid-VIEWER0001");
        access.grant(viewer.iamId(), Role.VIEWER, "serviceName", "iam-access-management");
        Principal billingAdmin = access.member("IBMid-BILLADMIN1");
        access.grant(billingAdmin.iamId(), Role.ADMINISTRATOR, "serviceName", "billing");
        Principal stranger = access.member("IBMid-STRANGER01");
        access.grant(stranger.iamId(), Role.EDITOR, "serviceName", "billing");

        for (Principal reader : List.of(subject, viewer, billingAdmin, new Principal(OWNER, ACCOUNT))) {
            assertThat(decider.checkPolicyRead(reader, own).permitted()).as(reader.iamId()).isTrue();
            assertThat(decider.policyReadable(reader).test(own)).as(reader.iamId()).isTrue();
        }
        assertThat(decider.checkPolicyRead(stranger, own).permitted()).isFalse();
        assertThat(decider.policyReadable(stranger).test(own)).isFalse();
        assertThat(decider.checkPolicyWrite(viewer, own, "update").permitted()).as("reading is not writing").isFalse();
    }

    @Test
    void aTaggedPolicyGrantsNothingBecauseNoResourceCarriesTags() {
        Principal member = access.member("IBMid-TAGGED0001");
        access.policies.insert(new Policy("t", "access", ACCOUNT, member.iamId(), List.of(Role.ADMINISTRATOR.crn()),
                List.of(new Policy.Attribute("accountId", ACCOUNT, null),
                        new Policy.Attribute("serviceName", "iam-identity", null)),
                List.of(new Policy.Attribute("project", "x", null)), null, "active", T0, OWNER, T0, OWNER, 1));
        assertThat(decider.permits(member, "iam-identity.apikey.manage", Resource.service(ACCOUNT, "iam-identity")))
                .isFalse();
    }

    @Test
    void actionsOnListWhatTheSubjectHoldsThere() {
        Principal member = access.member("IBMid-ACTIONS001");
        access.grant(member.iamId(), Role.VIEWER, "serviceName", "iam-identity");
        access.grant(member.iamId(), Role.SERVICE_ID_CREATOR, "service_group_id", "IAM");
        assertThat(decider.actionsOn(member, Resource.service(ACCOUNT, "iam-identity"))).containsExactly(
                "iam-identity.serviceid.create", "iam-identity.serviceid.get", "iam-identity.serviceid.list",
                "iam-identity.serviceidgroup.get", "iam-identity.serviceidgroup.list");
        assertThat(decider.actionsOn(member, Resource.service(ACCOUNT, "billing"))).isEmpty();
        assertThat(decider.actionsOn(member, Resource.service(OTHER_ACCOUNT, "iam-identity"))).isEmpty();
        assertThat(decider.actionsOn(new Principal(OWNER, ACCOUNT), Resource.service(ACCOUNT, "iam-identity")))
                .isEqualTo(Role.ADMINISTRATOR.actions("iam-identity"));
    }
}
