package dev.latchkey.core.common;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.zip.CRC32;

/**
 * Latchkey's key format: {@code <prefix>_<43 base62 chars of 256 random bits><6 base62 chars of CRC32>}. The
 * checksum covers everything before it, so a scanner or the server can tell a real key from a typo or a random
 * string without a lookup. Thread-safe.
 */
public final class KeyFormat {
    public static final int BODY_LENGTH = 43;
    public static final int CHECKSUM_LENGTH = 6;
    private static final char[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final BigInteger SIXTY_TWO = BigInteger.valueOf(62);

    private final String prefix;
    private final String head; // prefix + "_"

    public KeyFormat(String prefix) {
        if (!prefix.matches("[a-z][a-z0-9]{1,15}")) {
            throw new IllegalArgumentException("key prefix must be 2-16 lower-case letters or digits, starting with a letter");
        }
        this.prefix = prefix;
        this.head = prefix + "_";
    }

    public String prefix() {
        return prefix;
    }

    /** A new key value with 256 bits from {@code random}. */
    public String generate(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String body = base62(new BigInteger(1, bytes), BODY_LENGTH);
        String unchecked = head + body;
        return unchecked + checksum(unchecked);
    }

    /** True when {@code value} has this format's prefix, shape and a matching checksum. */
    public boolean isWellFormed(String value) {
        int checked = head.length() + BODY_LENGTH;
        if (value == null || value.length() != checked + CHECKSUM_LENGTH || !value.startsWith(head)) {
            return false;
        }
        for (int i = head.length(); i < value.length(); i++) {
            if (!isBase62(value.charAt(i))) {
                return false;
            }
        }
        // On every token request: the digits are compared in place, without building the checksum string.
        CRC32 crc = new CRC32();
        crc.update(value.getBytes(StandardCharsets.US_ASCII), 0, checked);
        long sum = crc.getValue();
        for (int i = value.length() - 1; i >= checked; i--) {
            if (value.charAt(i) != BASE62[(int) (sum % 62)]) {
                return false;
            }
            sum /= 62;
        }
        return true; // a CRC32 is below 62^6, so six digits always hold all of it
    }

    /** True when the value claims to be one of ours (starts with the prefix), well-formed or not. */
    public boolean claimsFormat(String value) {
        return value != null && value.startsWith(head);
    }

    /** The part of a key that may be shown: the prefix and the first four characters of the body. */
    public String displayPrefix(String value) {
        if (claimsFormat(value) && value.length() >= prefix.length() + 5) {
            return value.substring(0, prefix.length() + 5);
        }
        return value.substring(0, Math.min(4, value.length()));
    }

    static String checksum(String unchecked) {
        CRC32 crc = new CRC32();
        crc.update(unchecked.getBytes(StandardCharsets.US_ASCII));
        return base62(BigInteger.valueOf(crc.getValue()), CHECKSUM_LENGTH);
    }

    private static boolean isBase62(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static String base62(BigInteger number, int width) {
        char[] out = new char[width];
        BigInteger n = number;
        for (int i = width - 1; i >= 0; i--) {
            BigInteger[] qr = n.divideAndRemainder(SIXTY_TWO);
            out[i] = BASE62[qr[1].intValue()];
            n = qr[0];
        }
        if (n.signum() != 0) {
            throw new IllegalStateException("number does not fit in " + width + " base62 digits");
        }
        return new String(out);
    }
}
