package dev.latchkey.core.apikey;

import dev.latchkey.core.common.IamIds;
import java.time.Instant;

/**
 * An API key as stored: its metadata and the SHA-256 of its value, never the value. {@code version} counts
 * writes and drives the entity tag. Immutable; "with" methods return changed copies.
 *
 * @param iamId the identity the key authenticates as: a user ({@code IBMid-…}) or a service ID
 * @param expiresAt null when the key never expires
 */
public record ApiKey(String id, String accountId, String iamId, String name, String description, String createdBy,
                     Instant createdAt, Instant modifiedAt, Instant expiresAt, boolean locked, boolean disabled,
                     boolean supportSessions, LeakAction actionWhenLeaked, String hash, String displayPrefix,
                     long version) {

    public boolean isServiceIdKey() {
        return IamIds.isServiceId(iamId);
    }

    public boolean isExpired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    public String crn() {
        return "crn:v1:bluemix:public:iam-identity::a/" + accountId + "::apikey:" + id;
    }

    public ApiKey withDetails(String newName, String newDescription, boolean newSupportSessions,
                              LeakAction newAction, Instant newExpiresAt, Instant now) {
        return new ApiKey(id, accountId, iamId, newName, newDescription, createdBy, createdAt, now, newExpiresAt,
                locked, disabled, newSupportSessions, newAction, hash, displayPrefix, version + 1);
    }

    public ApiKey withLocked(boolean value, Instant now) {
        return new ApiKey(id, accountId, iamId, name, description, createdBy, createdAt, now, expiresAt, value,
                disabled, supportSessions, actionWhenLeaked, hash, displayPrefix, version + 1);
    }

    public ApiKey withDisabled(boolean value, Instant now) {
        return new ApiKey(id, accountId, iamId, name, description, createdBy, createdAt, now, expiresAt, locked,
                value, supportSessions, actionWhenLeaked, hash, displayPrefix, version + 1);
    }
}
