package dev.latchkey.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.common.DomainException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@link ClientOrigin} believes of the forwarding headers a trusted proxy sends. */
class ClientOriginTest {
    private static final ClientOrigin BEHIND = ClientOrigin.trusting("10.0.0.0/8, 192.168.1.5", null);

    private static ClientOrigin.Forwarded resolve(Map<String, List<String>> headers) {
        return BEHIND.forwarded("10.0.0.2", name -> headers.getOrDefault(name, List.of()));
    }

    @Test
    void theClientIsTheRightMostAddressThatIsNotATrustedProxy() {
        assertThat(resolve(Map.of("X-Forwarded-For", List.of("203.0.113.7"))).address()).isEqualTo("203.0.113.7");
        // A client that sends its own X-Forwarded-For only adds to the left of what the proxy appends.
        assertThat(resolve(Map.of("X-Forwarded-For", List.of("198.51.100.1, 203.0.113.7"))).address())
                .isEqualTo("203.0.113.7");
        assertThat(resolve(Map.of("X-Forwarded-For", List.of("198.51.100.1, 203.0.113.7, 10.1.2.3, 192.168.1.5")))
                .address()).isEqualTo("203.0.113.7");
        assertThat(resolve(Map.of("X-Forwarded-For", List.of("198.51.100.1", "203.0.113.7, 10.9.9.9"))).address())
                .as("several header lines are one list").isEqualTo("203.0.113.7");
        assertThat(resolve(Map.of("X-Forwarded-For", List.of("10.3.3.3, 10.4.4.4"))).address())
                .as("all trusted: the left-most").isEqualTo("10.3.3.3");
        assertThat(resolve(Map.of()).address()).as("nothing forwarded: the peer").isEqualTo("10.0.0.2");
    }

    @Test
    void rfc7239ForwardedWinsOverXForwardedFor() {
        var both = Map.of("Forwarded", List.of("for=198.51.100.1;proto=http, for=\"[2001:db8::7]:4711\";proto=https;"
                        + "host=iam.example.com"),
                "X-Forwarded-For", List.of("203.0.113.99"));
        ClientOrigin.Forwarded forwarded = resolve(both);
        assertThat(forwarded.address()).isEqualTo("2001:db8::7");
        assertThat(forwarded.scheme()).isEqualTo("https");
        assertThat(forwarded.host()).isEqualTo("iam.example.com");
        assertThat(resolve(Map.of("Forwarded", List.of("For=203.0.113.7:8080;by=10.0.0.2"))).address())
                .isEqualTo("203.0.113.7");
        assertThat(resolve(Map.of("Forwarded", List.of("for=\"203.0.113.7;x\", for=10.0.0.9"))).address())
                .as("a quoted separator does not split").isEqualTo(ClientOrigin.UNKNOWN);
    }

    @Test
    void somethingThatIsNotAnAddressIsUnknownAndNeverAName() {
        assertThat(resolve(Map.of("Forwarded", List.of("for=unknown"))).address()).isEqualTo(ClientOrigin.UNKNOWN);
        assertThat(resolve(Map.of("Forwarded", List.of("for=_hidden, for=10.0.0.9"))).address())
                .isEqualTo(ClientOrigin.UNKNOWN);
        assertThat(resolve(Map.of("X-Forwarded-For", List.of("localhost"))).address()).isEqualTo(ClientOrigin.UNKNOWN);
        assertThat(resolve(Map.of("X-Forwarded-For", List.of("203.0.113.7\r\nforged line"))).address())
                .isEqualTo(ClientOrigin.UNKNOWN);
        assertThat(resolve(Map.of("X-Forwarded-For", List.of("beef"))).address()).isEqualTo(ClientOrigin.UNKNOWN);
    }

    @Test
    void schemeAndHostAreTheNearestProxysAndOnlyWhenWellFormed() {
        ClientOrigin.Forwarded forwarded = resolve(Map.of("X-Forwarded-Proto", List.of("http, HTTPS"),
                "X-Forwarded-Host", List.of("evil.example, iam.example.com:8443")));
        assertThat(forwarded.scheme()).isEqualTo("https");
        assertThat(forwarded.host()).isEqualTo("iam.example.com:8443");
        ClientOrigin.Forwarded odd = resolve(Map.of("X-Forwarded-Proto", List.of("javascript"),
                "X-Forwarded-Host", List.of("iam.example.com/evil?x=1")));
        assertThat(odd.scheme()).isNull();
        assertThat(odd.host()).isNull();
        assertThat(resolve(Map.of("X-Forwarded-Host", List.of("[2001:db8::1]:443"))).host()).isEqualTo("[2001:db8::1]:443");
    }

    @Test
    void theProxyListIsCheckedAndBlankTrustsNone() {
        assertThat(ClientOrigin.trusting(null, null).trustsProxies()).isFalse();
        assertThat(ClientOrigin.trusting(" ", null).trustsProxies()).isFalse();
        assertThat(ClientOrigin.trusting("127.0.0.1", null).trustsProxies()).isTrue();
        assertThatThrownBy(() -> ClientOrigin.trusting("10.0.0.0/33", null)).isInstanceOf(DomainException.class)
                .hasMessageStartingWith("--trusted-proxies has '10.0.0.0/33'");
        assertThatThrownBy(() -> ClientOrigin.trusting("proxy.example.com", null)).isInstanceOf(DomainException.class);
    }
}
