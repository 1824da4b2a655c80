package dev.latchkey.core.notification;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * An account's webhook endpoint: the events of the account it subscribes to ({@code events}: its key events, its
 * audit events, or both) are POSTed to {@code url}, signed with the endpoint's secret (kept sealed by the store, never
 * in this record). Immutable.
 *
 * @param events the event families it receives; never empty
 */
public record WebhookEndpoint(String id, String accountId, String url, String description, String createdBy,
                              Instant createdAt, Set<EventFamily> events) {
    public WebhookEndpoint {
        Objects.requireNonNull(events, "events");
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a webhook endpoint subscribes to at least one event family");
        }
        events = Collections.unmodifiableSet(EnumSet.copyOf(events));
    }

    /** An endpoint that receives key events only ({@link EventFamily#DEFAULT}). */
    public WebhookEndpoint(String id, String accountId, String url, String description, String createdBy,
                           Instant createdAt) {
        this(id, accountId, url, description, createdBy, createdAt, EventFamily.DEFAULT);
    }

    public boolean receives(EventFamily family) {
        return events.contains(family);
    }
}
