package dev.latchkey.core.notification;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * Something that happened to an API key that its owner and the account's administrators must hear about. It holds
 * only what may be shown: the key's id, name and display prefix, never its value. Immutable.
 *
 * @param identityIamId the identity the key authenticates as: a user ({@code IBMid-…}) or a service ID
 * @param actorIamId    who did it; null when the system did (expiry, an automatic leak response)
 * @param seenUrl       where a leaked key was seen; null when the event is not a sighting
 * @param seenSource    who reported the sighting (a scanner's name, a person); null when not a sighting
 * @param actionTaken   what was done to the key; null when nothing applies (expiry warnings)
 * @param expiresAt     when the key expires; null when it never does
 * @param previousValueUntil after a rotation, when the value it replaced stops working; null when at once, or when
 *                      the event is no rotation
 * @param inactivity    for the inactivity kinds: when the key was last used and when it is (or was) disabled; null
 *                      otherwise
 */
public record KeyEvent(Kind kind, String accountId, String keyId, String keyName, String displayPrefix,
                       String identityIamId, String actorIamId, String seenUrl, String seenSource,
                       Action actionTaken, Instant expiresAt, Instant occurredAt, Instant previousValueUntil,
                       Inactivity inactivity) {

    /** IAM ids of service IDs start with this; their keys have no personal recipient. */
    static final String SERVICE_ID_PREFIX = "iam-ServiceId-";

    public enum Kind {
        LEAKED, EXPIRES_IN_7_DAYS, EXPIRES_IN_1_DAY, DISABLED_BY_OTHER, DELETED_BY_OTHER, ROTATED_BY_OTHER,
        /** The account disables keys unused for a number of days; this one will be, in 7 days or more, unless used. */
        INACTIVE_DISABLE_IN_7_DAYS,
        /** The key was disabled because it was not used for the account's number of days. */
        DISABLED_FOR_INACTIVITY,
        /** The key's own identity gave it a new value: a notice for the owner, not a warning. */
        ROTATED;

        /** The event type on the wire, e.g. {@code apikey.leaked}. */
        public String wire() {
            return "apikey." + name().toLowerCase(Locale.ROOT);
        }
    }

    /** What was done to the key when the event happened. */
    public enum Action {
        NONE, DISABLED, DELETED, ROTATED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Why an inactivity event happened: the key's last use (its last authentication, its creation, or its last
     * enabling, whichever is latest), the account's {@code apikey_disable_after_inactive_days}, and when the key is
     * disabled (the warning) or was (the disabling).
     */
    public record Inactivity(Instant lastUsedAt, int inactiveDays, Instant disableAt) {
        public Inactivity {
            Objects.requireNonNull(lastUsedAt, "lastUsedAt");
            Objects.requireNonNull(disableAt, "disableAt");
        }
    }

    /** An event that is no rotation and carries no inactivity facts. */
    public KeyEvent(Kind kind, String accountId, String keyId, String keyName, String displayPrefix,
                    String identityIamId, String actorIamId, String seenUrl, String seenSource, Action actionTaken,
                    Instant expiresAt, Instant occurredAt) {
        this(kind, accountId, keyId, keyName, displayPrefix, identityIamId, actorIamId, seenUrl, seenSource,
                actionTaken, expiresAt, occurredAt, null, null);
    }

    public KeyEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(keyName, "keyName");
        Objects.requireNonNull(displayPrefix, "displayPrefix");
        Objects.requireNonNull(identityIamId, "identityIamId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    /** A key was seen outside (a scanner, a person) and {@code actionTaken} was done to it. */
    public static KeyEvent leaked(String accountId, String keyId, String keyName, String displayPrefix,
                                  String identityIamId, String seenUrl, String seenSource, Action actionTaken,
                                  Instant expiresAt, Instant occurredAt) {
        return new KeyEvent(Kind.LEAKED, accountId, keyId, keyName, displayPrefix, identityIamId, null, seenUrl,
                seenSource, actionTaken, expiresAt, occurredAt);
    }

    /** Someone other than the key's own identity disabled or deleted it. */
    public static KeyEvent changedByOther(Kind kind, String accountId, String keyId, String keyName,
                                          String displayPrefix, String identityIamId, String actorIamId,
                                          Instant expiresAt, Instant occurredAt) {
        Action action = switch (kind) {
            case DISABLED_BY_OTHER -> Action.DISABLED;
            case DELETED_BY_OTHER -> Action.DELETED;
            default -> throw new IllegalArgumentException(kind + " is not a change made by someone else");
        };
        return new KeyEvent(kind, accountId, keyId, keyName, displayPrefix, identityIamId,
                Objects.requireNonNull(actorIamId, "actorIamId"), null, null, action, expiresAt, occurredAt);
    }

    /**
     * Someone other than the key's own identity gave it a new value (decision 0032); {@code displayPrefix} is the new
     * value's, {@code previousValueUntil} when the replaced value stops working (null: it stopped at once).
     */
    public static KeyEvent rotatedByOther(String accountId, String keyId, String keyName, String displayPrefix,
                                          String identityIamId, String actorIamId, Instant expiresAt,
                                          Instant occurredAt, Instant previousValueUntil) {
        return new KeyEvent(Kind.ROTATED_BY_OTHER, accountId, keyId, keyName, displayPrefix, identityIamId,
                Objects.requireNonNull(actorIamId, "actorIamId"), null, null, Action.ROTATED, expiresAt, occurredAt,
                previousValueUntil, null);
    }

    /**
     * The key's own identity gave it a new value (decision 0032): its owner hears of it as of any rotation, without
     * the warning {@link #rotatedByOther} carries. {@code actorIamId} is the identity itself.
     */
    public static KeyEvent rotated(String accountId, String keyId, String keyName, String displayPrefix,
                                   String identityIamId, Instant expiresAt, Instant occurredAt,
                                   Instant previousValueUntil) {
        return new KeyEvent(Kind.ROTATED, accountId, keyId, keyName, displayPrefix, identityIamId, identityIamId, null,
                null, Action.ROTATED, expiresAt, occurredAt, previousValueUntil, null);
    }

    /** A key will expire soon; {@code kind} says how soon. */
    public static KeyEvent expiring(Kind kind, ExpiringKey key, Instant occurredAt) {
        if (kind != Kind.EXPIRES_IN_7_DAYS && kind != Kind.EXPIRES_IN_1_DAY) {
            throw new IllegalArgumentException(kind + " is not an expiry warning");
        }
        return new KeyEvent(kind, key.accountId(), key.id(), key.name(), key.displayPrefix(), key.iamId(), null,
                null, null, null, key.expiresAt(), occurredAt);
    }

    /**
     * A key not used for {@code inactivity.inactiveDays()}: {@code kind} {@link Kind#INACTIVE_DISABLE_IN_7_DAYS} warns
     * that it will be disabled, {@link Kind#DISABLED_FOR_INACTIVITY} says that it was (by the system, no actor).
     */
    public static KeyEvent inactive(Kind kind, String accountId, String keyId, String keyName, String displayPrefix,
                                    String identityIamId, Instant expiresAt, Inactivity inactivity,
                                    Instant occurredAt) {
        Action action = switch (kind) {
            case INACTIVE_DISABLE_IN_7_DAYS -> null;
            case DISABLED_FOR_INACTIVITY -> Action.DISABLED;
            default -> throw new IllegalArgumentException(kind + " is not an inactivity event");
        };
        return new KeyEvent(kind, accountId, keyId, keyName, displayPrefix, identityIamId, null, null, null, action,
                expiresAt, occurredAt, null, Objects.requireNonNull(inactivity, "inactivity"));
    }

    public boolean identityIsServiceId() {
        return identityIamId.startsWith(SERVICE_ID_PREFIX);
    }
}
