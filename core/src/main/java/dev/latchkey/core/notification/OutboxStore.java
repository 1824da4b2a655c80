package dev.latchkey.core.notification;

import dev.latchkey.core.common.Page;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Persistence port for the notification outbox. Inserts join the caller's transaction. Claims are leases: a claimed
 * message is invisible to other claimants until {@code leaseUntil}, and only the holder of the claim token can
 * finish it, so any number of nodes may dispatch at once. Implementations are thread-safe.
 */
public interface OutboxStore {
    void insert(OutboxMessage message);

    Optional<OutboxMessage> find(String id);

    /**
     * Leases up to {@code limit} pending messages that are due at {@code now} and not leased by anyone (or whose
     * lease ran out), oldest due first, to {@code claimToken} until {@code leaseUntil}. Each message goes to one
     * claimant only, however many call this at once.
     */
    List<OutboxMessage> claimDue(String claimToken, Instant now, Instant leaseUntil, int limit);

    /** Marks a leased message delivered (one more attempt). False when the lease was lost. */
    boolean markDelivered(String id, String claimToken, Instant at);

    /**
     * Records why a leased message was not delivered and makes it due again at {@code nextAttemptAt}, releasing
     * the lease. {@code countAttempt} is false when nothing was attempted (the channel is not configured).
     * False when the lease was lost.
     */
    boolean scheduleRetry(String id, String claimToken, String error, Instant nextAttemptAt, boolean countAttempt);

    /** Gives a leased message up: state failed with its last reason (one more attempt). False when the lease was lost. */
    boolean markFailed(String id, String claimToken, String error, Instant at);

    /**
     * Makes the messages of {@code channel} that wait because the channel was not configured (pending, never
     * attempted, due later) due at {@code now}: called when a node starts with the channel configured.
     *
     * @return how many
     */
    int releaseDeferred(OutboxMessage.Channel channel, Instant now);

    /**
     * Deletes the delivered and given-up messages that finished before {@code before}; pending ones are kept
     * however old.
     *
     * @return how many were deleted
     */
    int pruneFinished(Instant before);

    /** How many messages of {@code channel} are pending (due or waiting for a retry), over every account. */
    long pending(OutboxMessage.Channel channel);

    /**
     * The messages of an account, optionally in one state, newest first and by id among those made at the same time
     * ({@code newestFirst}; false reads the reverse order, to go back from a position): the {@code limit} after
     * {@code after} whatever their depth, answered as the page at {@code offset}, or when {@code after} is null the
     * page at {@code offset}.
     */
    Page<OutboxMessage> list(String accountId, OutboxMessage.State state, OutboxMessage.Position after,
                             boolean newestFirst, int offset, int limit);
}
