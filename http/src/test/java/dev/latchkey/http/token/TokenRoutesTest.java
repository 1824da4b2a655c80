package dev.latchkey.http.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.token.TokenOutcome;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenRoutesTest {

    @Test
    void theIssuedBodyIsIbmsSuccessAnswer() {
        byte[] body = TokenRoutes.issuedBody(new TokenOutcome.Issued("eyJh.eyJp-_.sig0", 3600, 1764240000, "IBMid-X", "a"));
        assertThat(new String(body, StandardCharsets.US_ASCII)).isEqualTo("{\"access_token\":\"eyJh.eyJp-_.sig0\","
                + "\"refresh_token\":\"not_supported\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
                + "\"expiration\":1764240000,\"scope\":\"ibm openid\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.b\".c", "a.b\\.c", "a.b c", "a.b+c", "a.b/c", "a.b=", "a.\u00e9.c", "a.\u20ac.c", "a\n.b"})
    void aTokenThatIsNotACompactJwsIsNeverWrittenIntoTheAnswer(String token) {
        assertThatThrownBy(() -> TokenRoutes.issuedBody(new TokenOutcome.Issued(token, 3600, 0, "IBMid-X", "a")))
                .isInstanceOf(IllegalStateException.class).hasMessage("an access token is not a compact JWS");
    }
}
