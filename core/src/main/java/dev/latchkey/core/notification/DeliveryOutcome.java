package dev.latchkey.core.notification;

/** What one delivery attempt through a channel came to. Channels return these instead of throwing. */
public sealed interface DeliveryOutcome {

    /** The channel accepted the message (an SMTP server took it, a webhook answered 2xx). */
    record Delivered() implements DeliveryOutcome {
    }

    /** The attempt failed and may succeed later: retried with backoff until the attempts run out. */
    record Failed(String reason) implements DeliveryOutcome {
    }

    /** The message can never be delivered (its endpoint was deleted): given up at once. */
    record Rejected(String reason) implements DeliveryOutcome {
    }

    /** The channel cannot deliver anything now (it is not configured): tried again later, using no attempt. */
    record Unavailable(String reason) implements DeliveryOutcome {
    }

}
