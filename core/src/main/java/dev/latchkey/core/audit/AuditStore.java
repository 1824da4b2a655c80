package dev.latchkey.core.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The audit trails. {@link #append} must run inside the transaction of the change it records; it serialises the
 * account's appends (the chain has one head) and never updates or deletes an event. Only {@link #trimBefore}
 * deletes, the oldest events first, and records where the chain now starts.
 */
public interface AuditStore {
    /**
     * Gives the event the account's next seq, chains it to the newest event ({@link AuditEvent#chained}) and stores
     * it and the new head, under a lock on the account's head held to the end of the transaction.
     */
    AuditEvent append(AuditEvent unchained);

    /** The account's chain head; empty when it never had an event. */
    Optional<ChainHead> head(String accountId);

    /** The events that match, newest first, at most {@code query.limit()}, and whether there are more. */
    AuditPage list(AuditQuery query);

    /** Every stored event of the account in seq order, as stored (for verification and export). */
    void forEach(String accountId, Consumer<AuditEvent> each);

    /** The accounts that have a chain. */
    List<String> accounts();

    /**
     * Deletes the account's events older than {@code cutoff}, oldest first and stopping at the first that is not,
     * and moves the head's start past them. Returns how many were deleted.
     */
    int trimBefore(String accountId, Instant cutoff);
}
