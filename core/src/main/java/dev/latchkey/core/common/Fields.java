package dev.latchkey.core.common;

import java.util.Locale;
import java.util.Set;

/**
 * The request checks every entity shares: names (required, at most 256 characters), descriptions (at most 1024),
 * the list parameters {@code order} and {@code filter}. Each failure is a 400 naming the field.
 */
public final class Fields {
    public static final int MAX_NAME = 256;
    public static final int MAX_DESCRIPTION = 1024;

    private Fields() {
    }

    public static String name(String value, String field) {
        if (value == null || value.isBlank()) {
            throw DomainException.invalid("Field '" + field + "' is required and must not be empty.");
        }
        if (value.length() > MAX_NAME) {
            throw DomainException.invalid("Field '" + field + "' must be at most " + MAX_NAME + " characters.");
        }
        return value;
    }

    /** Null stays null (left out). */
    public static String description(String value) {
        if (value != null && value.length() > MAX_DESCRIPTION) {
            throw DomainException.invalid("Field 'description' must be at most " + MAX_DESCRIPTION + " characters.");
        }
        return value;
    }

    /** True for {@code desc}; {@code asc} or absent is false. */
    public static boolean descending(String order) {
        return switch (order == null ? "asc" : order.toLowerCase(Locale.ROOT)) {
            case "asc" -> false;
            case "desc" -> true;
            default -> throw DomainException.invalid("Parameter 'order' must be asc or desc.");
        };
    }

    /** The parsed SCIM filter, or null when none was sent. */
    public static Filter filter(String text, Set<String> attributes) {
        return text == null || text.isBlank() ? null : ScimFilterParser.parse(text, attributes);
    }
}
