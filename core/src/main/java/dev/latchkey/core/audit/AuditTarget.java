package dev.latchkey.core.audit;

/**
 * What an audit event is about: its type ({@code apikey}, {@code serviceid}, {@code user}, {@code policy},
 * {@code account_settings}, ...), id and name at the time. The name may be null. Immutable.
 */
public record AuditTarget(String type, String id, String name) {
    public AuditTarget {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("an audit target needs a type");
        }
    }

    public static AuditTarget of(String type, String id, String name) {
        return new AuditTarget(type, id, name);
    }
}
