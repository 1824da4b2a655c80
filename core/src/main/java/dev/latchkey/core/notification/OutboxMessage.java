package dev.latchkey.core.notification;

import dev.latchkey.core.audit.AuditEvent;
import java.time.Instant;
import java.util.Locale;

/**
 * One delivery in the outbox: a message already rendered for one recipient (an e-mail address, or a webhook
 * endpoint), and where its delivery stands. Immutable.
 *
 * @param id          the delivery id, unique per recipient
 * @param eventId     the event's id, the same for every delivery of one event and across retries; for an audit
 *                    event, the audit event's own id
 * @param type        the event type on the wire ({@code Latchkey-Event-Type}): a key event's
 *                    ({@code apikey.leaked}, ... {@link KeyEvent.Kind#wire()}) or {@value #AUDIT_EVENT}
 * @param subjectId   what the event is about: the API key's id for a key event, the audit target's id for an audit
 *                    event (null when the target has none)
 * @param recipient   the e-mail address, or the endpoint's URL (for display; delivery looks the endpoint up)
 * @param endpointId  the webhook endpoint; null for e-mail
 * @param subject     the mail subject; null for webhooks
 * @param body        the plain-text mail body, or the webhook's JSON payload
 * @param lastError   why the last attempt failed; null when none has
 * @param finishedAt  when it was delivered or given up; null while pending
 */
public record OutboxMessage(String id, String eventId, String accountId, String type, String subjectId,
                            Channel channel, String recipient, String endpointId, String subject, String body,
                            State state, int attempts, Instant nextAttemptAt, String lastError, Instant createdAt,
                            Instant finishedAt) {
    /** The type of a delivery of an audit event to an endpoint that subscribes to {@code audit}. */
    public static final String AUDIT_EVENT = "audit.event";
    private static final String KEY_EVENT_PREFIX = "apikey.";

    /**
     * Where a page of an account's outbox continues from (keyset paging, decision 0038): the creation time and id of
     * the message before it. The message itself need not exist any more.
     */
    public record Position(Instant createdAt, String id) {
    }

    public Position position() {
        return new Position(createdAt, id);
    }

    public enum Channel {
        EMAIL, WEBHOOK;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum State {
        PENDING, DELIVERED, FAILED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A new message of a key event, due at once. */
    public static OutboxMessage pending(String id, String eventId, KeyEvent event, Channel channel, String recipient,
                                        String endpointId, String subject, String body, Instant now) {
        return new OutboxMessage(id, eventId, event.accountId(), event.kind().wire(), event.keyId(), channel, recipient,
                endpointId, subject, body, State.PENDING, 0, now, null, now, null);
    }

    /** A new webhook delivery of an audit event to {@code endpoint}, due at once; its event id is the audit event's. */
    public static OutboxMessage pendingAudit(String id, AuditEvent event,
                                             WebhookEndpoint endpoint, String body, Instant now) {
        return new OutboxMessage(id, event.id(), event.accountId(), AUDIT_EVENT, event.target().id(), Channel.WEBHOOK,
                endpoint.url(), endpoint.id(), null, body, State.PENDING, 0, now, null, now, null);
    }

    /** Whether this is a key event's message (then {@code subjectId} is the API key's id). */
    public boolean isKeyEvent() {
        return type.startsWith(KEY_EVENT_PREFIX);
    }
}
