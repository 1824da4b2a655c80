package dev.latchkey.core.apikey;

/**
 * A request to change an API key. Null leaves a field unchanged; an empty {@code description} clears it and an
 * empty {@code expiresAt} removes the expiry.
 */
public record UpdateApiKey(String name, String description, Boolean supportSessions, String actionWhenLeaked,
                           String expiresAt) {
}
