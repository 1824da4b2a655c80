package dev.latchkey.core.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.common.Secret;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    static final Secret SECRET = new Secret("lkwh_test-secret");
    static final String BODY = "{\"a\":1}";

    @Test
    void theSignatureIsHexHmacSha256OfTimeDotBody() {
        // printf '%s' '1700000000.{"a":1}' | openssl dgst -sha256 -hmac lkwh_test-secret
        assertThat(WebhookSignature.header(SECRET, 1_700_000_000L, BODY))
                .isEqualTo("t=1700000000,v1=45d8cd6a663953a83c33bb46713b8f371ea9e9f30b8114315fa8904a6a2feaa5");
    }

    @Test
    void verificationRefusesAnotherBodySecretOrAStaleTime() {
        String header = WebhookSignature.header(SECRET, 1_700_000_000L, BODY);
        Instant signedAt = Instant.ofEpochSecond(1_700_000_000L);
        Duration tolerance = Duration.ofMinutes(5);
        assertThat(WebhookSignature.verify(header, SECRET, BODY, signedAt.plusSeconds(60), tolerance)).isTrue();
        assertThat(WebhookSignature.verify(header, SECRET, "{\"a\":2}", signedAt, tolerance)).isFalse();
        assertThat(WebhookSignature.verify(header, new Secret("lkwh_other"), BODY, signedAt, tolerance)).isFalse();
        assertThat(WebhookSignature.verify(header, SECRET, BODY, signedAt.plusSeconds(301), tolerance)).isFalse();
        assertThat(WebhookSignature.verify("t=1700000000", SECRET, BODY, signedAt, tolerance)).isFalse();
        assertThat(WebhookSignature.verify("t=x,v1=00", SECRET, BODY, signedAt, tolerance)).isFalse();
        assertThat(WebhookSignature.verify(null, SECRET, BODY, signedAt, tolerance)).isFalse();
    }
}
