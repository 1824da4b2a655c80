package dev.latchkey.core.access;

import static dev.latchkey.core.InMemoryServices.ACCOUNT;
import static dev.latchkey.core.InMemoryServices.OWNER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.InMemoryServices;
import dev.latchkey.core.common.Principal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the console asks before it offers "Assign access" on a service, or "Remove" on a policy. */
class AssignAccessQueriesTest {
    final InMemoryServices s = new InMemoryServices();
    final PolicyService service = s.policies;
    final Principal alice = s.member("IBMid-ALICE00001");
    final Principal bob = s.member("IBMid-BOB0000001");

    PolicyRequest onService(String subject, String serviceName, Role role) {
        return new PolicyRequest("access", List.of(new PolicyRequest.Subject(List.of(new Policy.Attribute("iam_id",
                subject, null)))), List.of(role.crn()), List.of(new PolicyRequest.ResourceSpec(List.of(
                new Policy.Attribute("accountId", ACCOUNT, null), new Policy.Attribute("serviceName", serviceName,
                        null)), null)), null);
    }

    @Test
    void theOwnerAndAccessManagementAdministratorsMayAssignAnything() {
        assertThat(service.mayAssignAnyService(OWNER)).isTrue();
        assertThat(service.mayAssignOn(OWNER, "iam-identity")).isTrue();
        assertThat(service.mayAssignAnyService(alice)).isFalse();
        s.grant(alice.iamId(), Role.ADMINISTRATOR, "serviceName", AccessDecider.ACCESS_MANAGEMENT);
        assertThat(service.mayAssignAnyService(alice)).isTrue();
        assertThat(service.mayAssignOn(alice, "billing")).isTrue();
    }

    @Test
    void anAdministratorOfOneServiceMayAssignThereOnly() {
        s.grant(alice.iamId(), Role.ADMINISTRATOR, "serviceName", "billing");
        assertThat(service.mayAssignAnyService(alice)).isFalse();
        assertThat(service.mayAssignOn(alice, "billing")).isTrue();
        assertThat(service.mayAssignOn(alice, "iam-identity")).isFalse();
        assertThat(service.mayAssignOn(bob, "billing")).isFalse();
        Policy granted = service.create(alice, onService(bob.iamId(), "billing", Role.READER));
        assertThat(service.mayRemove(alice, granted)).isTrue();
        assertThat(service.mayRemove(bob, granted)).as("its subject reads it but may not remove it").isFalse();
        assertThat(service.mayRemove(OWNER, granted)).isTrue();
    }

    @Test
    void theRolesOfferedOnAServiceAreThoseRoleListingsOffer() {
        assertThat(Role.offeredOn("iam-identity")).contains(Role.ADMINISTRATOR, Role.SERVICE_ID_CREATOR)
                .doesNotContain(Role.READER, Role.MANAGER);
        assertThat(Role.offeredOn("billing")).contains(Role.VIEWER, Role.READER, Role.WRITER, Role.MANAGER)
                .doesNotContain(Role.SERVICE_ID_CREATOR);
    }

    @Test
    void theBuiltInServicesAreTheIamServicesWithDisplayNames() {
        assertThat(Services.BUILT_IN).extracting(Services.Service::name)
                .containsExactlyInAnyOrderElementsOf(AccessDecider.IAM_SERVICES);
        assertThat(Services.displayName("iam-identity")).isEqualTo("IAM Identity Service");
        assertThat(Services.displayName("billing")).isEqualTo("billing");
    }
}
