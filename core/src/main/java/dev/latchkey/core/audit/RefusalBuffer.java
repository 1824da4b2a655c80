package dev.latchkey.core.audit;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects refused token exchanges of known keys (disabled, expired, not a member, address not allowed), refused
 * sign-ins, and interactions an account's external identity setting reports or refuses, in memory and writes them to the audit trail in batches ({@link #flush}, every second), so that a client hammering a
 * disabled key costs no database write per request. Refusals of the same key for the same reason from the same
 * address within one batch become one event with their count and first and last time. At most {@value #MAX_PENDING}
 * distinct refusals wait at once; beyond that they are counted, logged and dropped. Thread-safe.
 */
public final class RefusalBuffer {
    static final int MAX_PENDING = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(RefusalBuffer.class);
    private final AuditTrail trail;
    private final ConcurrentHashMap<Refusal, Tally> pending = new ConcurrentHashMap<>();
    private final AtomicLong dropped = new AtomicLong();

    /** One kind of refusal: who was refused, for which key and why, from where. */
    private record Refusal(String accountId, String actor, String action, AuditTarget target,
                           AuditEvent.Outcome outcome, String reason, String address) {
    }

    /** How often, when first and last, and the first request's trace id. */
    private static final class Tally {
        final Instant first;
        final String traceId;
        volatile Instant last;
        final AtomicLong count = new AtomicLong();

        Tally(Instant first, String traceId) {
            this.first = first;
            this.last = first;
            this.traceId = traceId;
        }
    }

    public RefusalBuffer(AuditTrail trail) {
        this.trail = trail;
    }

    /** Notes that {@code actor}'s {@code action} on {@code target} was refused for {@code reason}. */
    public void refused(String accountId, String actor, String action, AuditTarget target, String reason) {
        noted(accountId, actor, action, target, AuditEvent.Outcome.FAILURE, reason);
    }

    /**
     * Notes a decision worth recording that may come once per request (an interaction the account only reports):
     * like a refusal, counted here and written with the next batch.
     */
    public void noted(String accountId, String actor, String action, AuditTarget target, AuditEvent.Outcome outcome,
                      String reason) {
        AuditOrigin origin = AuditOrigin.current();
        Refusal refusal = new Refusal(accountId, actor, action, target, outcome, reason, origin.address());
        Instant now = trail.clock().instant();
        if (pending.size() >= MAX_PENDING && !pending.containsKey(refusal)) {
            dropped.incrementAndGet();
            return;
        }
        // compute and flush's remove are atomic per key: a refusal counts in exactly one batch
        pending.compute(refusal, (r, tally) -> {
            Tally counted = tally == null ? new Tally(now, origin.traceId()) : tally;
            counted.last = now;
            counted.count.incrementAndGet();
            return counted;
        });
    }

    /** Writes what was collected, one event (and one transaction) per refusal kind. */
    public void flush() {
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            LOG.warn("{} refused token exchange(s) were not written to the audit log: more than {} kinds waited at once",
                    lost, MAX_PENDING);
        }
        for (Refusal refusal : pending.keySet()) {
            Tally tally = pending.remove(refusal);
            if (tally == null) {
                continue;
            }
            Map<String, String> details = new TreeMap<>();
            details.put("reason", refusal.reason());
            details.put("count", Long.toString(tally.count.get()));
            if (tally.count.get() > 1) {
                details.put("last_time", tally.last.toString());
            }
            trail.record(AuditEvent.unchained(refusal.accountId(), trail.ids().uuid(), tally.first, refusal.actor(),
                    new AuditOrigin(refusal.address(), tally.traceId), refusal.action(), refusal.target(),
                    refusal.outcome(), details));
        }
    }
}
