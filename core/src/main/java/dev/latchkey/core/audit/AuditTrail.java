package dev.latchkey.core.audit;

import dev.latchkey.core.common.Ids;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.common.Transactor;
import java.time.Clock;
import java.util.Map;

/**
 * Records audit events. Call it inside the transaction that makes the change, after the change: the event joins that
 * transaction, so the change and its event commit or roll back together ("no change without its event, no event
 * without its change"). The event carries the origin of the request being served ({@link AuditOrigin}). Details must
 * hold no secret: callers pass field names with non-secret values only. Thread-safe.
 */
public final class AuditTrail {
    private final AuditStore store;
    private final AuditPublisher publisher;
    private final Transactor tx;
    private final Ids ids;
    private final Clock clock;

    public AuditTrail(AuditStore store, AuditPublisher publisher, Transactor tx, Ids ids, Clock clock) {
        this.store = store;
        this.publisher = publisher;
        this.tx = tx;
        this.ids = ids;
        this.clock = clock;
    }

    /** A successful change by {@code actor} to {@code target} in {@code accountId}. */
    public AuditEvent record(Principal actor, String accountId, String action, AuditTarget target,
                             Map<String, String> details) {
        return record(accountId, actor.iamId(), action, target, AuditEvent.Outcome.SUCCESS, details);
    }

    /** A change that no caller made (a scheduled task, an automatic action): the actor is {@value AuditEvent#SYSTEM}. */
    public AuditEvent recordSystem(String accountId, String action, AuditTarget target, Map<String, String> details) {
        return record(accountId, AuditEvent.SYSTEM, action, target, AuditEvent.Outcome.SUCCESS, details);
    }

    /** Any event, with the origin of the request served on this thread. */
    public AuditEvent record(String accountId, String actor, String action, AuditTarget target,
                             AuditEvent.Outcome outcome, Map<String, String> details) {
        return record(AuditEvent.unchained(accountId, ids.uuid(), clock.instant(), actor, AuditOrigin.current(), action,
                target, outcome, details));
    }

    /** Appends an event made elsewhere ({@link RefusalBuffer} keeps the origin and time of what it collects). */
    AuditEvent record(AuditEvent unchained) {
        return tx.inTransaction(() -> {
            AuditEvent appended = store.append(unchained);
            publisher.published(appended);
            return appended;
        });
    }

    Ids ids() {
        return ids;
    }

    Clock clock() {
        return clock;
    }
}
