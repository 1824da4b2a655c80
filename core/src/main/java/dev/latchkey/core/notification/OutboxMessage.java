package dev.latchkey.core.notification;

import java.time.Instant;
import java.util.Locale;

/**
 * One delivery in the outbox: a message already rendered for one recipient (an e-mail address, or a webhook
 * endpoint), and where its delivery stands. Immutable.
 *
 * @param id          the delivery id, unique per recipient
 * @param eventId     the event's id, the same for every delivery of one event and across retries
 * @param recipient   the e-mail address, or the endpoint's URL (for display; delivery looks the endpoint up)
 * @param endpointId  the webhook endpoint; null for e-mail
 * @param subject     the mail subject; null for webhooks
 * @param body        the plain-text mail body, or the webhook's JSON payload
 * @param lastError   why the last attempt failed; null when none has
 * @param finishedAt  when it was delivered or given up; null while pending
 */
public record OutboxMessage(String id, String eventId, String accountId, KeyEvent.Kind kind, String keyId,
                            Channel channel, String recipient, String endpointId, String subject, String body,
                            State state, int attempts, Instant nextAttemptAt, String lastError, Instant createdAt,
                            Instant finishedAt) {

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

    /** A new message, due at once. */
    public static OutboxMessage pending(String id, String eventId, KeyEvent event, Channel channel, String recipient,
                                        String endpointId, String subject, String body, Instant now) {
        return new OutboxMessage(id, eventId, event.accountId(), event.kind(), event.keyId(), channel, recipient,
                endpointId, subject, body, State.PENDING, 0, now, null, now, null);
    }
}
