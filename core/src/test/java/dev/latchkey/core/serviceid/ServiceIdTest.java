package dev.latchkey.core.serviceid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.common.IamIds;
import dev.latchkey.core.common.Ids;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceIdTest {
    static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");
    static final String ACCOUNT = "a".repeat(32);

    @Test
    void idsHaveIbmsShapeAndTheIamIdIsDerivedBothWays() {
        String id = new Ids(new SecureRandom()).serviceId();
        assertThat(id).matches("ServiceId-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(IamIds.ofServiceId(id)).isEqualTo("iam-" + id);
        assertThat(IamIds.serviceIdOf(IamIds.ofServiceId(id))).isEqualTo(id);
        assertThat(IamIds.isServiceId(IamIds.ofServiceId(id))).isTrue();
        assertThat(IamIds.isServiceId("IBMid-ABCDEFGHIJ")).isFalse();
        assertThat(IamIds.isServiceId(id)).as("the id is not an IAM id").isFalse();
    }

    @Test
    void crnAndResourceNameTheServiceIdInItsAccount() {
        ServiceId s = new ServiceId("ServiceId-1", "iam-ServiceId-1", ACCOUNT, "n", null, null, false, T0, T0, "IBMid-X", 1);
        assertThat(s.crn()).isEqualTo("crn:v1:bluemix:public:iam-identity::a/" + ACCOUNT + "::serviceid:ServiceId-1");
        assertThat(s.resource().attributes()).isEqualTo(Map.of("accountId", ACCOUNT, "serviceName", "iam-identity",
                "resourceType", "serviceid", "resource", "ServiceId-1"));
        assertThat(s.uniqueInstanceCrns()).isEmpty();
    }

    @Test
    void changesBumpTheVersionAndModifiedAtAndCopyTheCrns() {
        List<String> crns = new ArrayList<>(List.of("crn:v1:one"));
        ServiceId s = new ServiceId("ServiceId-1", "iam-ServiceId-1", ACCOUNT, "n", "d", crns, false, T0, T0, "IBMid-X", 3);
        crns.add("crn:v1:sneaked-in");
        assertThat(s.uniqueInstanceCrns()).containsExactly("crn:v1:one");
        ServiceId renamed = s.withDetails("m", null, List.of(), T0.plusSeconds(1));
        assertThat(renamed.version()).isEqualTo(4);
        assertThat(renamed.modifiedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(renamed.createdAt()).isEqualTo(T0);
        assertThat(renamed.locked()).isFalse();
        ServiceId locked = renamed.withLocked(true, T0.plusSeconds(2));
        assertThat(locked.version()).isEqualTo(5);
        assertThat(locked.locked()).isTrue();
        assertThat(locked.name()).isEqualTo("m");
    }
}
