package dev.latchkey.core.notification;

import java.time.Instant;
import java.util.List;

/**
 * Persistence port for expiry warnings: which keys are about to expire and have not been warned about yet, and a
 * unique record of each warning sent (key, kind, expiry), which makes the warning happen once however many nodes
 * run the job. Implementations are thread-safe.
 */
public interface ExpiryNoticeStore {
    /** Keys that expire after {@code from} and at or before {@code to} with no {@code kind} notice for that expiry, soonest first. */
    List<ExpiringKey> withoutNotice(KeyEvent.Kind kind, Instant from, Instant to, int limit);

    /**
     * Records that {@code kind} was sent for the key's expiry at {@code expiresAt}, in the caller's transaction.
     *
     * @return false when it had been recorded already (by this node or another): send nothing then
     */
    boolean record(String keyId, KeyEvent.Kind kind, Instant expiresAt, Instant at);
}
