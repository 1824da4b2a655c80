package dev.latchkey.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.common.DomainException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CrnTest {
    private static final String ACCOUNT = "a".repeat(32);

    @Test
    void aFullCrnBecomesEveryAttribute() {
        Resource resource = Crn.toResource("crn:v1:bluemix:public:iam-identity:global:a/" + ACCOUNT
                + ":instance-1:apikey:ApiKey-123");
        assertThat(resource.attributes()).isEqualTo(Map.of("accountId", ACCOUNT, "serviceName", "iam-identity",
                "region", "global", "serviceInstance", "instance-1", "resourceType", "apikey",
                "resource", "ApiKey-123"));
    }

    @Test
    void emptyTrailingPartsAddressTheWholeService() {
        assertThat(Crn.toResource("crn:v1:bluemix:public:blockchain::a/" + ACCOUNT + ":::").attributes())
                .isEqualTo(Map.of("accountId", ACCOUNT, "serviceName", "blockchain"));
    }

    @Test
    void theResourcePartKeepsItsColons() {
        assertThat(Crn.toResource("crn:v1:bluemix:public:books::a/" + ACCOUNT + "::shelf:a:b:c").attributes())
                .containsEntry("resource", "a:b:c");
    }

    @Test
    void malformedCrnsAreRefusedWithAReason() {
        assertRefused("crn:v1:bluemix:public:iam-identity", "not a CRN");
        assertRefused("urn:v1:bluemix:public:iam-identity::a/" + ACCOUNT + ":::", "not a CRN");
        assertRefused("crn:v1:bluemix:public:::a/" + ACCOUNT + ":::", "names no service");
        assertRefused("crn:v1:bluemix:public:iam-identity::o/" + ACCOUNT + ":::", "account scope");
        assertRefused("crn:v1:bluemix:public:iam-identity:::::", "account scope");
        assertRefused(" ", "empty");
    }

    private static void assertRefused(String crn, String reason) {
        assertThatThrownBy(() -> Crn.toResource(crn)).isInstanceOf(DomainException.class).hasMessageContaining(reason);
    }
}
