package dev.latchkey.cli.scan;

import dev.latchkey.core.common.KeyFormat;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Real tokens made by core's {@link KeyFormat}, and look-alikes that must not be reported. */
final class TestKeys {
    static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestKeys() {
    }

    static String apiKey() {
        return new KeyFormat("lk").generate(RANDOM);
    }

    static String key(String prefix) {
        return new KeyFormat(prefix).generate(RANDOM);
    }

    static String invitation() {
        return new KeyFormat("lkinv").generate(RANDOM);
    }

    /** Every copy of {@code key} with exactly one character replaced by another character. */
    static List<String> nearMisses(String key) {
        List<String> variants = new ArrayList<>();
        for (int i = 0; i < key.length(); i++) {
            char original = key.charAt(i);
            int position = BASE62.indexOf(original);
            char replacement = position < 0 ? '-' : BASE62.charAt((position + 1) % BASE62.length());
            variants.add(key.substring(0, i) + replacement + key.substring(i + 1));
        }
        return variants;
    }

    /** {@code count} strings shaped like keys (prefix, 49 base62 characters) from a seeded generator. */
    static List<String> lookAlikes(String prefix, int count, long seed) {
        Random random = new Random(seed);
        List<String> strings = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            StringBuilder value = new StringBuilder(prefix).append('_');
            for (int i = 0; i < KeyFormat.BODY_LENGTH + KeyFormat.CHECKSUM_LENGTH; i++) {
                value.append(BASE62.charAt(random.nextInt(BASE62.length())));
            }
            strings.add(value.toString());
        }
        return strings;
    }
}
