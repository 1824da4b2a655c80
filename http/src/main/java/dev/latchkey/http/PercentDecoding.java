package dev.latchkey.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * {@code application/x-www-form-urlencoded} decoding, {@code +} as a space and {@code %XX} as a byte: the token
 * route's form and the query-string check before every route read their text through it.
 */
public final class PercentDecoding {
    private PercentDecoding() {
    }

    /**
     * The text of {@code b[from, to)} decoded; null when a {@code %XX} is broken or cut off, or, when {@code strict},
     * when the bytes are not UTF-8 (else they are decoded leniently). Text without {@code %} or {@code +} is taken as
     * it is, without copying.
     */
    public static String decode(byte[] b, int from, int to, boolean strict) {
        int i = from;
        while (i < to && b[i] != '%' && b[i] != '+') {
            i++;
        }
        if (i == to) {
            return text(b, from, to - from, strict);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        out.write(b, from, i - from);
        for (; i < to; i++) {
            byte c = b[i];
            if (c == '+') {
                out.write(' ');
            } else if (c == '%') {
                int hi = i + 2 < to ? Character.digit(b[i + 1], 16) : -1;
                int lo = hi < 0 ? -1 : Character.digit(b[i + 2], 16);
                if (lo < 0) {
                    return null;
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else {
                out.write(c);
            }
        }
        byte[] bytes = out.toByteArray();
        return text(bytes, 0, bytes.length, strict);
    }

    private static String text(byte[] b, int offset, int length, boolean strict) {
        if (!strict) {
            return new String(b, offset, length, StandardCharsets.UTF_8);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b, offset, length)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
