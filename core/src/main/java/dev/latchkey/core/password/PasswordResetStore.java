package dev.latchkey.core.password;

import java.time.Instant;
import java.util.Optional;

/** Persistence port for pending password resets, keyed by the hash of their secret. Thread-safe. */
public interface PasswordResetStore {
    void insert(PasswordReset reset);

    /** The reset whose secret hashes to {@code tokenHash}, expired or not. */
    Optional<PasswordReset> find(String tokenHash);

    /** Deletes one reset; false when there was none (already used, by this request or a concurrent one). */
    boolean delete(String tokenHash);

    /** Deletes every pending reset of a user; returns how many. */
    int deleteAllOf(String iamId);

    /** Deletes the resets that expired before {@code now}; returns how many. */
    int deleteExpired(Instant now);
}
