package dev.latchkey.core.settings;

import java.time.Instant;
import java.util.List;

/**
 * One change to an account's settings, in IBM's {@code EnityHistoryRecord} shape: when, by whom (and in which
 * account), what, and which fields. Parameters are the field names the change named; the message says which of
 * them changed from which value to which. Immutable.
 */
public record SettingsHistoryEntry(Instant timestamp, String iamId, String iamIdAccount, String action,
                                   List<String> params, String message) {
    public SettingsHistoryEntry {
        params = List.copyOf(params);
    }
}
