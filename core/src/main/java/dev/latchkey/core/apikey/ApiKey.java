package dev.latchkey.core.apikey;

import dev.latchkey.core.common.IamIds;
import java.time.Instant;

/**
 * An API key as stored: its metadata and the SHA-256 of its value, never the value. {@code version} counts
 * writes and drives the entity tag. Immutable; "with" methods return changed copies, which keep a rotation's
 * previous value and its grace.
 *
 * @param iamId the identity the key authenticates as: a user ({@code IBMid-…}) or a service ID
 * @param expiresAt null when the key never expires
 * @param previousHash the SHA-256 of the value the last rotation replaced, accepted until {@code previousHashUntil};
 *                     null when there is none (decision 0032)
 * @param previousHashUntil the end of the previous value's grace (exclusive: refused at this instant); null with it
 */
public record ApiKey(String id, String accountId, String iamId, String name, String description, String createdBy,
                     Instant createdAt, Instant modifiedAt, Instant expiresAt, boolean locked, boolean disabled,
                     boolean supportSessions, LeakAction actionWhenLeaked, String hash, String displayPrefix,
                     long version, String previousHash, Instant previousHashUntil) {

    /** A key that was never rotated (or whose rotation kept no previous value). */
    public ApiKey(String id, String accountId, String iamId, String name, String description, String createdBy,
                  Instant createdAt, Instant modifiedAt, Instant expiresAt, boolean locked, boolean disabled,
                  boolean supportSessions, LeakAction actionWhenLeaked, String hash, String displayPrefix,
                  long version) {
        this(id, accountId, iamId, name, description, createdBy, createdAt, modifiedAt, expiresAt, locked, disabled,
                supportSessions, actionWhenLeaked, hash, displayPrefix, version, null, null);
    }

    public boolean isServiceIdKey() {
        return IamIds.isServiceId(iamId);
    }

    public boolean isExpired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /**
     * Whether a value with SHA-256 {@code valueHash} authenticates as this key at {@code now}: the current value
     * always, the value the last rotation replaced strictly before its grace ends. The current value is compared
     * first, so the usual case costs one string comparison.
     */
    public boolean acceptsHash(String valueHash, Instant now) {
        return hash.equals(valueHash) || inGrace(now) && previousHash.equals(valueHash);
    }

    /** Whether the value the last rotation replaced still works at {@code now}. */
    public boolean inGrace(Instant now) {
        return previousHash != null && previousHashUntil != null && now.isBefore(previousHashUntil);
    }

    public String crn() {
        return "crn:v1:bluemix:public:iam-identity::a/" + accountId + "::apikey:" + id;
    }

    public ApiKey withDetails(String newName, String newDescription, boolean newSupportSessions,
                              LeakAction newAction, Instant newExpiresAt, Instant now) {
        return new ApiKey(id, accountId, iamId, newName, newDescription, createdBy, createdAt, now, newExpiresAt,
                locked, disabled, newSupportSessions, newAction, hash, displayPrefix, version + 1, previousHash,
                previousHashUntil);
    }

    public ApiKey withLocked(boolean value, Instant now) {
        return new ApiKey(id, accountId, iamId, name, description, createdBy, createdAt, now, expiresAt, value,
                disabled, supportSessions, actionWhenLeaked, hash, displayPrefix, version + 1, previousHash,
                previousHashUntil);
    }

    public ApiKey withDisabled(boolean value, Instant now) {
        return new ApiKey(id, accountId, iamId, name, description, createdBy, createdAt, now, expiresAt, locked,
                value, supportSessions, actionWhenLeaked, hash, displayPrefix, version + 1, previousHash,
                previousHashUntil);
    }

    /**
     * This key with a new value ({@code newHash}, {@code newDisplayPrefix}); the current value becomes the previous
     * one until {@code graceUntil}, or is dropped at once when {@code graceUntil} is null. Any earlier previous value
     * is dropped either way: only the newest one overlaps.
     */
    public ApiKey rotated(String newHash, String newDisplayPrefix, Instant graceUntil, Instant now) {
        return new ApiKey(id, accountId, iamId, name, description, createdBy, createdAt, now, expiresAt, locked,
                disabled, supportSessions, actionWhenLeaked, newHash, newDisplayPrefix, version + 1,
                graceUntil == null ? null : hash, graceUntil);
    }
}
