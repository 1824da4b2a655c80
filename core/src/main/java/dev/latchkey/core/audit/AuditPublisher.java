package dev.latchkey.core.audit;

/**
 * Told of every appended event inside the transaction that appended it, so that what it writes (webhook deliveries
 * to the account's endpoints that subscribe to {@code audit}) commits with the event.
 */
@FunctionalInterface
public interface AuditPublisher {
    AuditPublisher NONE = event -> {
    };

    void published(AuditEvent event);
}
