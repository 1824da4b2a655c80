package dev.latchkey.http;

import dev.latchkey.core.common.DomainException;
import io.javalin.http.Context;
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
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                String decoded = PercentDecoding.decode(bytes, 0, bytes.length, true);
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
