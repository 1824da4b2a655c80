package dev.latchkey.core.audit;

import dev.latchkey.core.common.JsonText;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * One entry of an account's audit trail. {@code seq} numbers the account's events from 1 without gaps; {@code
 * previousHash} is the hash of event {@code seq - 1} (64 zeros before the first), and {@code hash} covers this
 * event's every field and {@code previousHash} ({@link #computeHash}), so altering, removing or inserting an event
 * breaks the chain. {@code details} holds the changed fields with their new values, or what a decision was about;
 * never a secret. Before it is appended an event has no seq and no hashes ({@link #unchained}). Immutable.
 *
 * @param actor        the IAM ID that acted, or {@value #SYSTEM} for scheduled work
 * @param actorAddress the client's address, null when no request caused the event
 * @param traceId      the request's trace id ({@code Transaction-Id}), null when no request caused the event
 */
public record AuditEvent(String accountId, long seq, String id, Instant time, String actor, String actorAddress,
                         String traceId, String action, AuditTarget target, Outcome outcome,
                         Map<String, String> details, String previousHash, String hash) {
    /** The actor of what no caller did: scheduled tasks, expiry, automatic actions. */
    public static final String SYSTEM = "system";
    /** The {@code previousHash} of an account's first event. */
    public static final String GENESIS = "0".repeat(64);

    public enum Outcome {
        SUCCESS, FAILURE;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public AuditEvent {
        time = time.truncatedTo(ChronoUnit.MILLIS);
        details = Collections.unmodifiableMap(new TreeMap<>(details));
    }

    /** An event still to be appended: the store gives it its place in the chain ({@link #chained}). */
    public static AuditEvent unchained(String accountId, String id, Instant time, String actor, AuditOrigin origin,
                                       String action, AuditTarget target, Outcome outcome, Map<String, String> details) {
        return new AuditEvent(accountId, 0, id, time, actor, origin.address(), origin.traceId(), action, target,
                outcome, details, null, null);
    }

    /** This event as number {@code seq} after the event whose hash is {@code previousHash}. */
    public AuditEvent chained(long seq, String previousHash) {
        AuditEvent placed = new AuditEvent(accountId, seq, id, time, actor, actorAddress, traceId, action, target,
                outcome, details, previousHash, null);
        return new AuditEvent(accountId, seq, id, time, actor, actorAddress, traceId, action, target, outcome, details,
                previousHash, placed.computeHash());
    }

    /** Whether the stored hash is the one this event's fields and previous hash give. */
    public boolean hashMatches() {
        return computeHash().equals(hash);
    }

    /**
     * SHA-256, in lower-case hex, of the previous hash, a newline, and {@link #canonical()}.
     */
    public String computeHash() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((previousHash + "\n" + canonical()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    /**
     * The event's fields as one JSON object in a fixed order, details sorted by name, nulls left out: what the hash
     * covers, and the line an export writes. Hash and previous hash are not part of it.
     */
    public String canonical() {
        JsonText target = new JsonText().field("type", this.target.type()).field("id", this.target.id())
                .field("name", this.target.name());
        JsonText changes = new JsonText();
        details.forEach(changes::field);
        return new JsonText(256).field("account_id", accountId).field("seq", seq).field("id", id)
                .field("time", time.toString()).field("actor", actor).field("actor_address", actorAddress)
                .field("trace_id", traceId).field("action", action).field("target", target)
                .field("outcome", outcome.wire()).field("details", changes).toJson();
    }
}
