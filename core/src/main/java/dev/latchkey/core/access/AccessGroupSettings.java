package dev.latchkey.core.access;

import java.time.Instant;

/**
 * IBM's access group settings of an account. Latchkey has no Public Access group, so {@code public_access_enabled}
 * switches nothing here; it is kept (default true, as at IBM) so that IBM's tools read back what they wrote.
 * {@code modifiedAt} and {@code modifiedBy} are null until the settings are first written. Immutable.
 */
public record AccessGroupSettings(String accountId, boolean publicAccessEnabled, Instant modifiedAt,
                                  String modifiedBy) {

    public static AccessGroupSettings defaults(String accountId) {
        return new AccessGroupSettings(accountId, true, null, null);
    }
}
