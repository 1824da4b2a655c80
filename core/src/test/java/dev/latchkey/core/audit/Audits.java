package dev.latchkey.core.audit;

import dev.latchkey.core.common.Ids;
import dev.latchkey.core.common.InMemoryTransactor;
import java.security.SecureRandom;
import java.time.Clock;

/** Audit trails for tests whose subject is not the audit log: each over a store of its own, in memory. */
public final class Audits {
    private Audits() {
    }

    /** A trail that keeps its events in {@code store} and joins {@code tx}'s transactions. */
    public static AuditTrail inMemory(InMemoryTransactor tx, InMemoryAuditStore store, Clock clock) {
        return new AuditTrail(store, AuditPublisher.NONE, tx, new Ids(new SecureRandom()), clock);
    }

    /** A trail over a store and transactor of its own. */
    public static AuditTrail inMemory(Clock clock) {
        InMemoryTransactor tx = new InMemoryTransactor();
        return inMemory(tx, tx.enlist(new InMemoryAuditStore()), clock);
    }
}
