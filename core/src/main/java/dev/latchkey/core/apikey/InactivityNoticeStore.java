package dev.latchkey.core.apikey;

import java.time.Instant;
import java.util.Optional;

/**
 * Persistence port for the inactivity warnings: one record per key and last use, unique, so the warning that a key
 * will be disabled is sent once however many nodes run the sweep, and the sweep knows when it was sent (a key is
 * disabled no sooner than 7 days after its warning). A key used again has a new last use, and so a new warning when
 * it falls idle again. Deleting a key deletes its records. Implementations are thread-safe.
 */
public interface InactivityNoticeStore {
    /** When the warning for the key's idleness since {@code lastUsedAt} was sent; empty when it was not. */
    Optional<Instant> warnedAt(String keyId, Instant lastUsedAt);

    /**
     * Records that the warning for the key's idleness since {@code lastUsedAt} was sent at {@code at}, in the
     * caller's transaction.
     *
     * @return false when it had been recorded already (by this node or another): send nothing then
     */
    boolean recordWarning(String keyId, Instant lastUsedAt, Instant at);
}
