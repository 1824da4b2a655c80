package dev.latchkey.core.notification;

import java.time.Instant;

/**
 * An account's webhook endpoint: every key event of the account is POSTed to {@code url}, signed with the
 * endpoint's secret (kept sealed by the store, never in this record). Immutable.
 */
public record WebhookEndpoint(String id, String accountId, String url, String description, String createdBy,
                              Instant createdAt) {
}
