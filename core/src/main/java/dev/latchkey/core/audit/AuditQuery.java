package dev.latchkey.core.audit;

import java.time.Instant;

/**
 * Which events of one account to list, newest first: every filter may be null (no filter). {@code before} is the
 * paging cursor: only events with a smaller seq (null: from the newest). {@code from} is inclusive, {@code to}
 * exclusive. Immutable.
 */
public record AuditQuery(String accountId, Instant from, Instant to, String actor, String action, String targetId,
                         Long before, int limit) {
    public static final int MAX_LIMIT = 1000;

    public AuditQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
        }
    }
}
