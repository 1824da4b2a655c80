package dev.latchkey.core.common;

import java.time.Instant;
import java.util.List;

/**
 * One change to an entity, as IBM's {@code EnityHistoryRecord}: when, by whom (and in which account), what,
 * with which parameter names. Parameters are field names only, never values that could hold a secret.
 */
public record HistoryEntry(Instant timestamp, String iamId, String iamIdAccount, String action, List<String> params,
                           String message) {
    public HistoryEntry {
        params = List.copyOf(params);
    }
}
