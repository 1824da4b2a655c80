package dev.latchkey.http;

import dev.latchkey.core.common.DomainException;
import io.javalin.http.Context;

/** Typed query and header parameters with IBM-style 400s for values that do not parse. */
public final class QueryParams {
    private QueryParams() {
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
        return switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw DomainException.invalid(what + " must be true or false.");
        };
    }
}
