package dev.latchkey.core.notification;

/**
 * What the outbox dispatcher tells the operator's metrics, per channel: a message delivered, a failed attempt (or an
 * unconfigured channel) that was rescheduled, a message given up. The composition root backs it with its metrics
 * registry; {@link #NONE} counts nothing. Implementations are thread-safe and do not block.
 */
public interface DeliveryMetrics {
    void delivered(OutboxMessage.Channel channel);

    void retried(OutboxMessage.Channel channel);

    void gaveUp(OutboxMessage.Channel channel);

    DeliveryMetrics NONE = new DeliveryMetrics() {
        @Override
        public void delivered(OutboxMessage.Channel channel) {
        }

        @Override
        public void retried(OutboxMessage.Channel channel) {
        }

        @Override
        public void gaveUp(OutboxMessage.Channel channel) {
        }
    };
}
