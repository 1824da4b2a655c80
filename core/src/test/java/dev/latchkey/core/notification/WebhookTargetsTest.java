package dev.latchkey.core.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.common.DomainException;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class WebhookTargetsTest {

    @Test
    void internalAndReservedAddressesAreRecognised() throws Exception {
        for (String internal : new String[] {"127.0.0.1", "127.255.0.9", "0.0.0.0", "0.1.2.3", "10.0.0.1",
                "172.16.0.1", "172.31.255.254", "192.168.1.1", "169.254.169.254", "100.64.0.1", "100.127.255.255",
                "224.0.0.1", "240.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1",
                "fec0::1", "::ffff:10.0.0.1", "::10.0.0.1", "ff02::1"}) {
            assertThat(WebhookTargets.isInternal(InetAddress.getByName(internal))).as(internal).isTrue();
        }
        for (String external : new String[] {"93.184.216.34", "8.8.8.8", "100.63.255.255", "100.128.0.1",
                "172.15.255.255", "172.32.0.1", "192.169.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"}) {
            assertThat(WebhookTargets.isInternal(InetAddress.getByName(external))).as(external).isFalse();
        }
    }

    @Test
    void publicOnlyRefusesInternalHostsAndNamesNoAddress() {
        for (String host : new String[] {"127.0.0.1", "localhost", "169.254.169.254", "[::1]", "10.1.2.3"}) {
            assertThat(WebhookTargets.PUBLIC_ONLY.refusal(host)).as(host).hasValueSatisfying(reason -> {
                assertThat(reason).contains("internal").doesNotContain(host.replace("[", "").replace("]", ""));
            });
        }
        assertThat(WebhookTargets.PUBLIC_ONLY.refusal("93.184.216.34")).isEmpty();
        assertThat(WebhookTargets.PUBLIC_ONLY.refusal("no-such-host.invalid")).as("unresolvable: delivery fails")
                .isEmpty();
    }

    @Test
    void theOperatorMayAllowInternalNetworks() {
        WebhookTargets targets = WebhookTargets.allowing("127.0.0.1, 10.0.0.0/8");
        assertThat(targets.refusal("127.0.0.1")).isEmpty();
        assertThat(targets.refusal("10.200.3.4")).isEmpty();
        assertThat(targets.refusal("169.254.169.254")).isPresent();
        assertThat(targets.refusal("192.168.0.1")).isPresent();
        assertThat(WebhookTargets.allowing("  ")).isSameAs(WebhookTargets.PUBLIC_ONLY);
        assertThatThrownBy(() -> WebhookTargets.allowing("10.0.0.0/99")).isInstanceOf(DomainException.class);
    }
}
