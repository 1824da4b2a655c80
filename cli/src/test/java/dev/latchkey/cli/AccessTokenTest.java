package dev.latchkey.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AccessTokenTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void fromTokenResponseReadsExpirationAndTheJwtIdentity() {
        String body = "{\"access_token\":\"" + StubIamServer.jwt("IBMid-110000AB1Z", "0123456789abcdef0123456789abcdef")
                + "\",\"expires_in\":3600,\"expiration\":1900000000}";

        AccessToken token = AccessToken.fromTokenResponse(Json.parse(body), NOW);

        assertThat(token.expiration()).isEqualTo(1_900_000_000L);
        assertThat(token.iamId()).isEqualTo("IBMid-110000AB1Z");
        assertThat(token.accountId()).isEqualTo("0123456789abcdef0123456789abcdef");
    }

    @Test
    void fromTokenResponseWithoutExpirationThenUsesExpiresIn() {
        AccessToken token = AccessToken.fromTokenResponse(Json.parse("{\"access_token\":\"opaque\",\"expires_in\":600}"), NOW);

        assertThat(token.expiration()).isEqualTo(NOW.getEpochSecond() + 600);
        assertThat(token.iamId()).isNull();
    }

    @Test
    void fromTokenResponseWithoutAccessTokenThenFails() {
        assertThatThrownBy(() -> AccessToken.fromTokenResponse(Json.parse("{}"), NOW)).isInstanceOf(CliException.class);
    }

    @Test
    void usableAtStopsSixtySecondsBeforeExpiration() {
        AccessToken token = new AccessToken("t", NOW.getEpochSecond() + 100, null, null);

        assertThat(token.usableAt(NOW.plusSeconds(39))).isTrue();
        assertThat(token.usableAt(NOW.plusSeconds(40))).isFalse();
    }
}
