package dev.latchkey.core.notification;

import dev.latchkey.core.audit.AuditEvent;
import dev.latchkey.core.audit.AuditPublisher;
import dev.latchkey.core.common.Ids;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Delivers the audit trail to webhooks: for every appended audit event, one outbox delivery per endpoint of the
 * event's account that subscribes to {@code audit} ({@link EventFamily#AUDIT}), written in the transaction that
 * appends the event ({@link dev.latchkey.core.audit.AuditTrail} calls {@link #published} there), so an event and its
 * deliveries commit or roll back together. The dispatcher signs and retries them like key events, with
 * {@code Latchkey-Event-Type: audit.event}. Neither writing the deliveries nor delivering them records audit events,
 * so an audit event never causes another. An event whose payload would not fit the outbox ({@value #MAX_BODY}
 * characters) is delivered without its details ({@code "details_omitted":true}). Thread-safe.
 */
public final class AuditDeliveries implements AuditPublisher {
    /** The outbox's limit on a body (characters); an event with more details is delivered without them. */
    static final int MAX_BODY = 65_536;
    private final OutboxStore outbox;
    private final WebhookEndpointStore endpoints;
    private final MessageRenderer renderer;
    private final Ids ids;
    private final Clock clock;

    public AuditDeliveries(OutboxStore outbox, WebhookEndpointStore endpoints, MessageRenderer renderer, Ids ids,
                           Clock clock) {
        this.outbox = outbox;
        this.endpoints = endpoints;
        this.renderer = renderer;
        this.ids = ids;
        this.clock = clock;
    }

    /** Runs inside the appending transaction: it must not open its own, nor record audit events. */
    @Override
    public void published(AuditEvent event) {
        String body = null;
        Instant now = null;
        for (WebhookEndpoint endpoint : endpoints.list(event.accountId())) {
            if (!endpoint.receives(EventFamily.AUDIT)) {
                continue;
            }
            if (body == null) {
                body = renderer.render(event);
                if (body.length() > MAX_BODY) {
                    // a failed insert would fail the change itself: deliver what fits, the route has the rest
                    body = renderer.render(event, false);
                }
                now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            }
            outbox.insert(OutboxMessage.pendingAudit(ids.uuid(), event, endpoint, body, now));
        }
    }
}
