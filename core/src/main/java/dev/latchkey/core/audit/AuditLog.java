package dev.latchkey.core.audit;

import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * Reads, verifies and trims the audit trails. Reading needs {@value #READ_ACTION} on the {@value #SERVICE} service
 * of the account (its owner, and Viewer and up there); the rule itself is {@code mayRead}, which the composition
 * root builds from the access decider (that package records into this one, so it cannot be called from here).
 * Verifying and trimming are operator work (the CLI on the database, the scheduled retention): they check no caller.
 * Thread-safe.
 */
public final class AuditLog {
    /** The service whose roles grant reading the audit log (IBM's role names: Viewer and up). */
    public static final String SERVICE = "iam-audit";
    public static final String READ_ACTION = "iam-audit.event.list";

    private final AuditStore store;
    private final BiPredicate<Principal, String> mayRead;
    private final Clock clock;

    public AuditLog(AuditStore store, BiPredicate<Principal, String> mayRead, Clock clock) {
        this.store = store;
        this.mayRead = mayRead;
        this.clock = clock;
    }

    public AuditPage list(Principal caller, AuditQuery query) {
        if (!caller.accountId().equals(query.accountId()) || !mayRead.test(caller, query.accountId())) {
            throw DomainException.forbidden("Reading the audit log of account " + query.accountId()
                    + " needs the action " + READ_ACTION + " (the Viewer role or higher on the " + SERVICE
                    + " service) in that account, or being its owner.");
        }
        return store.list(query);
    }

    /** Whether the caller may read the account's audit log: the console offers its page to exactly these callers. */
    public boolean mayRead(Principal caller, String accountId) {
        return caller.accountId().equals(accountId) && mayRead.test(caller, accountId);
    }

    /** Recomputes the account's chain from where retention left it to its head. */
    public ChainCheck verify(String accountId) {
        ChainHead head = store.head(accountId).orElse(ChainHead.empty(accountId));
        ChainWalk walk = new ChainWalk(head);
        store.forEach(accountId, walk::accept);
        return walk.finish();
    }

    /** {@link #verify} for every account that has a chain. */
    public List<ChainCheck> verifyAll() {
        List<ChainCheck> checks = new ArrayList<>();
        for (String accountId : store.accounts()) {
            checks.add(verify(accountId));
        }
        return checks;
    }

    /** Deletes every account's events older than {@code retention}; returns how many. */
    public int trim(Duration retention) {
        int deleted = 0;
        for (String accountId : store.accounts()) {
            deleted += store.trimBefore(accountId, clock.instant().minus(retention));
        }
        return deleted;
    }

    /** Walks the stored events in seq order and remembers the first break. */
    private static final class ChainWalk {
        private final ChainHead head;
        private long expected;
        private String previous;
        private long checked;
        private ChainCheck.Break firstBreak;

        ChainWalk(ChainHead head) {
            this.head = head;
            this.expected = head.firstSeq();
            this.previous = head.firstPreviousHash();
        }

        void accept(AuditEvent event) {
            if (firstBreak != null) {
                return;
            }
            checked++;
            if (event.seq() < head.firstSeq() || event.seq() > head.lastSeq()) {
                broken(event.seq(), ChainCheck.Kind.INSERTED, "event " + event.seq() + " lies outside the chain ("
                        + head.firstSeq() + " to " + head.lastSeq() + ")");
            } else if (event.seq() > expected) {
                broken(expected, ChainCheck.Kind.REMOVED, "event " + expected + " is missing"
                        + (event.seq() > expected + 1 ? " (and every event up to " + (event.seq() - 1) + ")" : ""));
            } else if (!event.hashMatches()) {
                broken(event.seq(), ChainCheck.Kind.ALTERED, "event " + event.seq()
                        + " does not match its hash: a field was changed after it was written");
            } else if (!event.previousHash().equals(previous)) {
                broken(event.seq(), ChainCheck.Kind.INSERTED, "event " + event.seq()
                        + " does not follow the event before it (its previous hash differs): one of them was replaced or "
                        + "inserted");
            } else {
                previous = event.hash();
                expected = event.seq() + 1;
            }
        }

        ChainCheck finish() {
            if (firstBreak == null && expected <= head.lastSeq()) {
                broken(expected, ChainCheck.Kind.REMOVED, "the chain ends at " + (expected - 1)
                        + " but its head is event " + head.lastSeq());
            } else if (firstBreak == null && !previous.equals(head.lastHash())) {
                broken(head.lastSeq(), ChainCheck.Kind.ALTERED, "the newest event's hash differs from the head's");
            }
            return new ChainCheck(head.accountId(), checked, Optional.ofNullable(firstBreak));
        }

        private void broken(long seq, ChainCheck.Kind kind, String reason) {
            firstBreak = new ChainCheck.Break(seq, kind, reason);
        }
    }
}
