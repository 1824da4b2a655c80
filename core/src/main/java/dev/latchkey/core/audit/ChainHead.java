package dev.latchkey.core.audit;

/**
 * Where an account's chain starts and ends: events {@code firstSeq} to {@code lastSeq} are kept (none when
 * {@code lastSeq < firstSeq}); the event before {@code firstSeq} was deleted by retention and had the hash {@code
 * firstPreviousHash} ({@link AuditEvent#GENESIS} while nothing was deleted); {@code lastHash} is the newest event's
 * hash. Immutable.
 */
public record ChainHead(String accountId, long firstSeq, String firstPreviousHash, long lastSeq, String lastHash) {
    /** An account with no event yet. */
    public static ChainHead empty(String accountId) {
        return new ChainHead(accountId, 1, AuditEvent.GENESIS, 0, AuditEvent.GENESIS);
    }
}
