package dev.latchkey.core.serviceid;

/**
 * A listing request as the client sent it (all fields optional but paging). {@code accountId} null means the
 * caller's account; {@code name} is an exact match.
 */
public record ListServiceIds(String accountId, String name, String filter, String sort, String order, int offset,
                             int limit) {
}
