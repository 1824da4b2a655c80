package dev.latchkey.http;

import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.Filter;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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

    /**
     * The constant of {@code type} the parameter names by its lower-case name (in any case: {@code created_at} for
     * {@code CREATED_AT}), or {@code absent} when it is not sent; any other value is a 400 listing the choices.
     */
    public static <E extends Enum<E>> E oneOf(Context ctx, String name, Class<E> type, E absent) {
        String value = ctx.queryParam(name);
        if (value == null || value.isEmpty()) {
            return absent;
        }
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            String wire = constant.name().toLowerCase(Locale.ROOT);
            if (wire.equalsIgnoreCase(value)) {
                return constant;
            }
            names.add(wire);
        }
        throw DomainException.invalid("Parameter '" + name + "' must be " + (names.size() == 2
                ? names.get(0) + " or " + names.get(1) : "one of " + String.join(", ", names)) + ".");
    }

    /** {@code order}: true for {@code desc}, false for {@code asc} or none (either case). */
    public static boolean descending(Context ctx) {
        String order = ctx.queryParam("order");
        return switch (order == null || order.isEmpty() ? "asc" : order.toLowerCase(Locale.ROOT)) {
            case "asc" -> false;
            case "desc" -> true;
            default -> throw DomainException.invalid("Parameter 'order' must be asc or desc.");
        };
    }

    /** {@code filter} as a parsed SCIM filter over {@code attributes}, or null when none is sent. */
    public static Filter filter(Context ctx, Set<String> attributes) {
        String text = ctx.queryParam("filter");
        return text == null || text.isBlank() ? null : ScimFilterParser.parse(text, attributes);
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
