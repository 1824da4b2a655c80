package dev.latchkey.core.notification;

import java.time.Duration;
import java.util.Objects;

/**
 * How the outbox is delivered: at most {@code maxAttempts} attempts per message, waiting {@code backoffBase}
 * after the first failure and twice as long after each further one, never longer than {@code backoffCap}; a
 * claimed message is leased for {@code lease} (longer than any one delivery may take), {@code batchSize} at a
 * time. Immutable.
 */
public record DeliveryPolicy(int maxAttempts, Duration backoffBase, Duration backoffCap, Duration lease,
                             int batchSize) {

    public static final DeliveryPolicy DEFAULT = new DeliveryPolicy(8, Duration.ofSeconds(2), Duration.ofMinutes(10),
            Duration.ofMinutes(2), 50);

    public DeliveryPolicy {
        Objects.requireNonNull(backoffBase, "backoffBase");
        Objects.requireNonNull(backoffCap, "backoffCap");
        Objects.requireNonNull(lease, "lease");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (backoffBase.isNegative() || backoffCap.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException("backoff base must be >= 0 and the cap at least the base");
        }
        if (!lease.isPositive() || batchSize < 1) {
            throw new IllegalArgumentException("lease must be positive and batchSize at least 1");
        }
    }

    /** The wait after the {@code attempts}-th failed attempt: base × 2^(attempts − 1), at most the cap. */
    public Duration backoff(int attempts) {
        if (attempts < 1) {
            return Duration.ZERO;
        }
        int doublings = Math.min(attempts - 1, 40);
        long millis = backoffBase.toMillis();
        long wait = millis > (Long.MAX_VALUE >> doublings) ? Long.MAX_VALUE : millis << doublings;
        return wait >= backoffCap.toMillis() ? backoffCap : Duration.ofMillis(wait);
    }
}
