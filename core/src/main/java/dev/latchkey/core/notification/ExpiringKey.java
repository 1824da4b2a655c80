package dev.latchkey.core.notification;

import java.time.Instant;

/** The facts about a soon-to-expire key that an expiry warning shows. Immutable. */
public record ExpiringKey(String id, String accountId, String iamId, String name, String displayPrefix,
                          Instant expiresAt) {
}
