package dev.latchkey.core.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.common.ApiKeyHash;
import dev.latchkey.core.common.Secret;
import org.junit.jupiter.api.Test;

class ApiKeyHashTest {
    @Test
    void hashIsHexSha256OfTheValue() {
        assertThat(ApiKeyHash.of(new Secret("abc")))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void secretToStringNeverShowsTheValue() {
        assertThat(new Secret("lk_supersecret").toString()).doesNotContain("supersecret").contains("redacted");
        assertThat(new CreatedApiKey(null, new Secret("lk_supersecret")).toString()).doesNotContain("supersecret");
    }
}
