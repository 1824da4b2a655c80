package dev.latchkey.core.common;

/**
 * The request checks every entity shares: names (required, at most 256 characters) and descriptions (at most
 * 1024). Each failure is a 400 naming the field.
 */
public final class Fields {
    public static final int MAX_NAME = 256;
    public static final int MAX_DESCRIPTION = 1024;
    /**
     * The characters of a description that listings sort by (the database's {@code description_order}, V32): a
     * description of 1,024 characters may be too long for an index entry. Descriptions that differ only after them
     * sort by id.
     */
    public static final int DESCRIPTION_ORDER_LENGTH = 256;

    /**
     * A description as listings sort it: its first {@link #DESCRIPTION_ORDER_LENGTH} characters, counted as code
     * points (as PostgreSQL counts them); null stays null.
     */
    public static String descriptionOrder(String description) {
        return description == null || description.codePointCount(0, description.length()) <= DESCRIPTION_ORDER_LENGTH
                ? description : description.substring(0, description.offsetByCodePoints(0, DESCRIPTION_ORDER_LENGTH));
    }

    /**
     * Whether {@code value} is an ISO-8601 instant, as {@code Instant.toString} writes one: the time a listing's
     * position may carry.
     */
    public static boolean isInstant(String value) {
        try {
            java.time.Instant.parse(value);
            return true;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

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
}
