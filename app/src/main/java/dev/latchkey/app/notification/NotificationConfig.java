package dev.latchkey.app.notification;

import dev.latchkey.adapters.mail.SmtpConfig;
import dev.latchkey.core.notification.DeliveryPolicy;
import dev.latchkey.core.notification.WebhookTargets;
import java.time.Duration;

/**
 * How this node notifies: the SMTP server (null: mail waits in the outbox until one is configured), how often the
 * outbox is polled (null: this node does not deliver, other nodes or a later start will), the retry policy, and
 * how often expiry warnings are looked for (null: never on this node), where webhooks may go, and how long
 * delivered and given-up messages are kept. Immutable.
 */
public record NotificationConfig(SmtpConfig smtp, Duration pollInterval, DeliveryPolicy delivery,
                                 Duration expiryCheckInterval, WebhookTargets webhookTargets, Duration retention) {
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(90);

    public static NotificationConfig defaults() {
        return new NotificationConfig(null, Duration.ofSeconds(1), DeliveryPolicy.DEFAULT, Duration.ofMinutes(10),
                WebhookTargets.PUBLIC_ONLY, DEFAULT_RETENTION);
    }

    public NotificationConfig withSmtp(SmtpConfig value) {
        return new NotificationConfig(value, pollInterval, delivery, expiryCheckInterval, webhookTargets, retention);
    }

    public NotificationConfig withPollInterval(Duration value) {
        return new NotificationConfig(smtp, value, delivery, expiryCheckInterval, webhookTargets, retention);
    }

    public NotificationConfig withDelivery(DeliveryPolicy value) {
        return new NotificationConfig(smtp, pollInterval, value, expiryCheckInterval, webhookTargets, retention);
    }

    public NotificationConfig withExpiryCheckInterval(Duration value) {
        return new NotificationConfig(smtp, pollInterval, delivery, value, webhookTargets, retention);
    }

    public NotificationConfig withWebhookTargets(WebhookTargets value) {
        return new NotificationConfig(smtp, pollInterval, delivery, expiryCheckInterval, value, retention);
    }

    public NotificationConfig withRetention(Duration value) {
        return new NotificationConfig(smtp, pollInterval, delivery, expiryCheckInterval, webhookTargets, value);
    }
}
