package dev.latchkey.core.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.access.Role;
import dev.latchkey.core.common.DomainException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parts of resource requests that need no store: names, services, roles, ids, states and CRNs. */
class ResourceRequestsTest {
    static final String ACCOUNT = "a".repeat(32);

    static CreateResourceInstance naming(String resourceId, String serviceName, String parametersServiceName) {
        return new CreateResourceInstance("n", null, null, null, resourceId, serviceName, parametersServiceName, false);
    }

    @Test
    void theServiceComesFromWhicheverFieldWasSentAndTheyMustAgree() {
        assertThat(ResourceRequests.givenService(naming("books", null, null))).isEqualTo("books");
        assertThat(ResourceRequests.givenService(naming(null, "books", null))).isEqualTo("books");
        assertThat(ResourceRequests.givenService(naming(null, null, "books"))).isEqualTo("books");
        assertThat(ResourceRequests.givenService(naming("books", "books", "books"))).isEqualTo("books");
        assertThatThrownBy(() -> ResourceRequests.givenService(naming("books", "films", null)))
                .isInstanceOf(DomainException.class).hasMessageContaining("different services");
        assertThat(ResourceRequests.givenService(naming(null, null, null))).as("the plan may name it").isNull();
        for (String bad : List.of("Books", "bo*ks", "a:b", "-x", "", "x".repeat(64))) {
            assertThatThrownBy(() -> ResourceRequests.givenService(naming(bad, null, null))).as(bad)
                    .hasMessageContaining("must be a service name");
        }
        for (String platform : List.of("iam-identity", "iam-access-management", "user-management", "iam-groups",
                "resource-controller")) {
            assertThatThrownBy(() -> ResourceRequests.givenService(naming(platform, null, null))).as(platform)
                    .hasMessageContaining("part of the platform");
        }
    }

    @Test
    void rolesAreFoundByCrnOrByNameInAnyCaseAndOnlyWhereOffered() {
        assertThat(ResourceRequests.role(null, "books")).isEqualTo(Role.WRITER);
        assertThat(ResourceRequests.role("reader", "books")).isEqualTo(Role.READER);
        assertThat(ResourceRequests.role("ADMINISTRATOR", "books")).isEqualTo(Role.ADMINISTRATOR);
        assertThat(ResourceRequests.role(Role.MANAGER.crn(), "books")).isEqualTo(Role.MANAGER);
        assertThatThrownBy(() -> ResourceRequests.role("Service ID creator", "books"))
                .hasMessageContaining("roles offered on service books");
        assertThatThrownBy(() -> ResourceRequests.role("crn:v1:bluemix:public:iam::::serviceRole:Owner", "books"))
                .hasMessageContaining("Reader, Writer, Manager");
    }

    @Test
    void pathIdsAreGuidsOrTheRightPartOfACrn() {
        String instanceCrn = ResourceInstance.crnOf("books", ACCOUNT, "i-1");
        String keyCrn = ResourceKey.crnOf("books", ACCOUNT, "i-1", "k-1");
        assertThat(instanceCrn).isEqualTo("crn:v1:bluemix:public:books:global:a/" + ACCOUNT + ":i-1::");
        assertThat(keyCrn).isEqualTo("crn:v1:bluemix:public:books:global:a/" + ACCOUNT + ":i-1:resource-key:k-1");
        assertThat(ResourceRequests.instanceGuid("i-1")).isEqualTo("i-1");
        assertThat(ResourceRequests.instanceGuid(instanceCrn)).isEqualTo("i-1");
        assertThat(ResourceRequests.keyGuid(keyCrn)).isEqualTo("k-1");
        assertThat(ResourceRequests.keyGuid(instanceCrn)).as("an instance CRN names no key").isEmpty();
        assertThat(ResourceRequests.instanceGuid("crn:v1:short")).isEmpty();
        assertThat(ResourceRequests.serviceIdOf("ServiceId-1", ACCOUNT)).isEqualTo("ServiceId-1");
        assertThat(ResourceRequests.serviceIdOf("crn:v1:bluemix:public:iam-identity::a/" + ACCOUNT
                + "::serviceid:ServiceId-2", ACCOUNT)).isEqualTo("ServiceId-2");
        assertThatThrownBy(() -> ResourceRequests.serviceIdOf("crn:v1:bluemix:public:iam-identity::a/" + "b".repeat(32)
                + "::serviceid:ServiceId-2", ACCOUNT)).as("another account").hasMessageContaining("serviceid_crn");
    }


    @Test
    void aKeyNamesTheIdentityBehindItAndIsDecidedOnItsInstance() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        ResourceKey key = new ResourceKey("k-1", ACCOUNT, "i-1", "books", "rg", "app", Role.WRITER.crn(),
                "ServiceId-7", true, "ApiKey-1", "p-1", ResourceState.ACTIVE, t, "IBMid-X", t, "IBMid-X", null, null, 1);
        assertThat(key.sourceCrn()).isEqualTo(ResourceInstance.crnOf("books", ACCOUNT, "i-1"));
        assertThat(key.serviceIdCrn()).isEqualTo("crn:v1:bluemix:public:iam-identity::a/" + ACCOUNT
                + "::serviceid:ServiceId-7");
        assertThat(key.serviceIdIamId()).isEqualTo("iam-ServiceId-7");
        assertThat(key.apiKeyDescription()).isEqualTo("Auto-generated for key " + key.crn());
        ResourceKey removed = key.removed("IBMid-Y", t.plusSeconds(1));
        assertThat(removed.isRemoved()).isTrue();
        assertThat(removed.deletedBy()).isEqualTo("IBMid-Y");
        assertThat(removed.version()).isEqualTo(2);
        assertThat(ResourceInstance.target(ACCOUNT, "books", "rg", "i-1").attributes()).containsEntry("serviceInstance",
                "i-1").containsEntry("resourceGroupId", "rg").containsEntry("serviceName", "books");
        assertThat(ResourceInstance.target(ACCOUNT, "books", "rg", null).attributes()).doesNotContainKey(
                "serviceInstance");
    }
}
