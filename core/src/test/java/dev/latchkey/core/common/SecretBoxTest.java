package dev.latchkey.core.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
    private final SecureRandom random = new SecureRandom();
    private final SecretBox box = new SecretBox(new byte[32], random);

    @Test
    void sealedValuesOpenOnlyWithTheSameKeyAndContext() {
        byte[] sealed = box.seal("private".getBytes(StandardCharsets.UTF_8), "row-1");
        assertThat(new String(box.open(sealed, "row-1"), StandardCharsets.UTF_8)).isEqualTo("private");
        assertThatThrownBy(() -> box.open(sealed, "row-2")).isInstanceOf(IllegalStateException.class);
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        assertThatThrownBy(() -> new SecretBox(otherKey, random).open(sealed, "row-1"))
                .isInstanceOf(IllegalStateException.class);
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> box.open(sealed, "row-1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void sealingTwiceGivesDifferentCiphertexts() {
        byte[] plain = "same".getBytes(StandardCharsets.UTF_8);
        assertThat(box.seal(plain, "c")).isNotEqualTo(box.seal(plain, "c"));
    }
}
