package dev.latchkey.core.apikey;

import java.time.Instant;

/**
 * A request to create an API key, as the client sent it; the service validates every field. Null means the
 * client left the field out.
 */
public record CreateApiKey(String name, String iamId, String description, String accountId, String apikey,
                           Boolean storeValue, Boolean supportSessions, String actionWhenLeaked, Instant expiresAt,
                           boolean locked, boolean disabled) {
}
