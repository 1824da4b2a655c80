package dev.latchkey.http;

import dev.latchkey.core.common.DomainException;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Typed query and header parameters with IBM-style 400s for values that do not parse. */
public final class QueryParams {
    private QueryParams() {
    }

    /**
     * Refuses a query string that no parameter can be read from honestly: a broken {@code %XX}, bytes that are not
     * UTF-8, or a NUL character (which PostgreSQL cannot store and H2 can: the two must answer alike). Runs before
     * every route, so that no route reads a half-decoded parameter or silently drops one.
     */
    public static void requireWellFormed(String query) {
        if (query == null || query.isEmpty()) {
            return;
        }
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String shown = name.length() > 40 ? name.substring(0, 40) + "…" : name;
            for (String part : eq < 0 ? new String[] {name} : new String[] {name, pair.substring(eq + 1)}) {
                String decoded = decodeStrictly(part);
                if (decoded == null) {
                    throw DomainException.invalid("Query parameter '" + shown + "' is not well-formed: percent-encode "
                            + "as %XX with two hexadecimal digits, of UTF-8 bytes.");
                }
                if (decoded.indexOf('\0') >= 0) {
                    throw DomainException.invalid("Query parameter '" + shown + "' holds a NUL character (%00), "
                            + "which no parameter may hold.");
                }
            }
        }
    }

    /** {@code +} and {@code %XX} decoded; null for a broken escape or bytes that are not UTF-8. */
    private static String decodeStrictly(String text) {
        if (text.indexOf('%') < 0) {
            return text.replace('+', ' ');
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                int hi = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                int lo = hi < 0 ? -1 : Character.digit(text.charAt(i + 2), 16);
                if (lo < 0) {
                    return null;
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c == '+' ? ' ' : c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    public static boolean bool(Context ctx, String name) {
        return bool(ctx.queryParam(name), "Parameter '" + name + "'");
    }

    public static boolean headerBool(Context ctx, String name) {
        return bool(ctx.header(name), "Header '" + name + "'");
    }

    /** {@code value} as a boolean, false when absent; {@code what} names it in the 400 for anything else. */
    static boolean bool(String value, String what) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw DomainException.invalid(what + " must be true or false.");
        };
    }
}
