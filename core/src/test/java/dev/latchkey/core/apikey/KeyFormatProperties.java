package dev.latchkey.core.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.common.KeyFormat;
import java.security.SecureRandom;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class KeyFormatProperties {
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private final KeyFormat format = new KeyFormat("lk");

    @Property
    void generatedKeysAreWellFormed(@ForAll long seed) {
        String key = format.generate(seeded(seed));
        assertThat(key).hasSize(3 + KeyFormat.BODY_LENGTH + KeyFormat.CHECKSUM_LENGTH).startsWith("lk_");
        assertThat(key.substring(3)).matches("[0-9A-Za-z]+");
        assertThat(format.isWellFormed(key)).isTrue();
    }

    @Property(tries = 2000)
    void anySingleCharacterChangeIsDetected(@ForAll long seed, @ForAll @IntRange(min = 0, max = 51) int position,
                                            @ForAll @IntRange(min = 1, max = 61) int shift) {
        String key = format.generate(seeded(seed));
        char[] chars = key.toCharArray();
        if (position < 3) {
            chars[position] = chars[position] == 'x' ? 'y' : 'x';
        } else {
            chars[position] = BASE62.charAt((BASE62.indexOf(chars[position]) + shift) % 62);
        }
        assertThat(format.isWellFormed(new String(chars))).isFalse();
    }

    @Property(tries = 5000)
    void randomBase62StringsOfTheRightShapeAreRejected(@ForAll("randomBodies") String body) {
        // A random string has a 1 in 62^6 chance of a matching checksum; 5000 tries never hit one.
        assertThat(format.isWellFormed("lk_" + body)).isFalse();
    }

    @Provide
    Arbitrary<String> randomBodies() {
        return Arbitraries.strings().withChars(BASE62.toCharArray())
                .ofLength(KeyFormat.BODY_LENGTH + KeyFormat.CHECKSUM_LENGTH);
    }

    @Property
    void otherPrefixesAndLengthsAreNotOurs(@ForAll long seed) {
        String key = format.generate(seeded(seed));
        assertThat(new KeyFormat("ak").isWellFormed(key)).isFalse();
        assertThat(format.isWellFormed(key + "0")).isFalse();
        assertThat(format.isWellFormed(key.substring(0, key.length() - 1))).isFalse();
    }

    @Property
    void displayPrefixNeverRevealsMoreThanFourSecretCharacters(@ForAll long seed) {
        String key = format.generate(seeded(seed));
        assertThat(format.displayPrefix(key)).isEqualTo(key.substring(0, 7));
    }

    private static SecureRandom seeded(long seed) {
        Random source = new Random(seed);
        return new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                source.nextBytes(bytes);
            }
        };
    }
}
