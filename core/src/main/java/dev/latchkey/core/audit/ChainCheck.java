package dev.latchkey.core.audit;

import java.util.Optional;

/**
 * What verifying one account's chain found: how many events were checked and the first break, if any. Immutable.
 */
public record ChainCheck(String accountId, long checked, Optional<Break> firstBreak) {
    /** How the chain was broken at {@code seq}. */
    public enum Kind {
        /** The stored event does not hash to its stored hash: a field was changed. */
        ALTERED,
        /** The event with this seq is missing (or the chain ends before its head says it does). */
        REMOVED,
        /** An event that the chain does not lead to: outside the head's range, or not linked to its predecessor. */
        INSERTED
    }

    public record Break(long seq, Kind kind, String reason) {
    }

    public boolean intact() {
        return firstBreak.isEmpty();
    }
}
