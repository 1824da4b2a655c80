package dev.latchkey.core.notification;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * An account's webhook endpoint: the events of the account it subscribes to ({@code events}: its key events, its
 * audit events, or both) are POSTed to {@code url}, signed with the endpoint's secret (kept sealed by the store, never
 * in this record). Its description and events can be changed; its URL cannot (decision record 0054). Immutable.
 *
 * @param events the event families it receives; never empty
 * @param version bumped by every change, for {@code If-Match} ({@link dev.latchkey.core.common.EntityTag})
 */
public record WebhookEndpoint(String id, String accountId, String url, String description, String createdBy,
                              Instant createdAt, Set<EventFamily> events, long version) {
    public WebhookEndpoint {
        Objects.requireNonNull(events, "events");
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a webhook endpoint subscribes to at least one event family");
        }
        events = Collections.unmodifiableSet(EnumSet.copyOf(events));
    }

    /** A new endpoint (version 1). */
    public WebhookEndpoint(String id, String accountId, String url, String description, String createdBy,
                           Instant createdAt, Set<EventFamily> events) {
        this(id, accountId, url, description, createdBy, createdAt, events, 1);
    }

    /** A new endpoint that receives key events only ({@link EventFamily#DEFAULT}). */
    public WebhookEndpoint(String id, String accountId, String url, String description, String createdBy,
                           Instant createdAt) {
        this(id, accountId, url, description, createdBy, createdAt, EventFamily.DEFAULT);
    }

    /** This endpoint with another description (null: none) and events, one version on. */
    public WebhookEndpoint changed(String newDescription, Set<EventFamily> newEvents) {
        return new WebhookEndpoint(id, accountId, url, newDescription, createdBy, createdAt, newEvents, version + 1);
    }

    public boolean receives(EventFamily family) {
        return events.contains(family);
    }
}
