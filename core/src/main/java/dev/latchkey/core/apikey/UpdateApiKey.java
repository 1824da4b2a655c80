package dev.latchkey.core.apikey;

import java.time.Instant;

/**
 * A request to change an API key. Null leaves a field unchanged; an empty {@code description} clears it;
 * {@code removeExpiry} (with {@code expiresAt} null) makes the key never expire.
 */
public record UpdateApiKey(String name, String description, Boolean supportSessions, String actionWhenLeaked,
                           Instant expiresAt, boolean removeExpiry) {
}
