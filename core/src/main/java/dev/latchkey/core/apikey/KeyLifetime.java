package dev.latchkey.core.apikey;

import dev.latchkey.core.common.DomainException;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * The account setting {@code apikey_max_lifetime_days} applied to one user or service ID key: its
 * {@code expires_at} must be at most that many days after its creation. A create must satisfy it; an update that
 * sets or removes {@code expires_at} must too, except that bringing the expiry closer is always allowed (a key made
 * before the rule, and so longer-lived, may be given an expiry or an earlier one; it stays in the report until it
 * conforms). An update that leaves {@code expires_at} alone is never refused by it: existing keys keep working.
 * Service credentials' keys are outside the rule ({@link ApiKeyService#createForServiceCredential}).
 */
final class KeyLifetime {
    static final String SETTING = "apikey_max_lifetime_days";

    private KeyLifetime() {
    }

    /** The latest expiry a key created at {@code createdAt} may have under a rule of {@code days}. */
    static Instant latestExpiry(Instant createdAt, int days) {
        return createdAt.plus(Duration.ofDays(days));
    }

    /** A new key's expiry ({@code null}: none) under the account's rule, if any. */
    static void requireOnCreate(OptionalInt rule, Instant createdAt, Instant expiresAt) {
        if (rule.isEmpty()) {
            return;
        }
        Instant latest = latestExpiry(createdAt, rule.getAsInt());
        if (expiresAt == null) {
            throw DomainException.invalid("Field 'expires_at' is required: account setting " + SETTING + " is "
                    + rule.getAsInt() + ", so a user or service ID API key must expire within " + rule.getAsInt()
                    + " days of its creation (no later than " + latest + ").");
        }
        if (expiresAt.isAfter(latest)) {
            throw tooLate(rule.getAsInt(), latest);
        }
    }

    /**
     * A changed expiry of {@code key} ({@code removed}: the update makes it never expire) under the account's rule,
     * if any. A service credential's key is locked, so no update reaches here for one.
     */
    static void requireOnUpdate(OptionalInt rule, ApiKey key, Instant expiresAt, boolean removed) {
        if (rule.isEmpty()) {
            return;
        }
        Instant latest = latestExpiry(key.createdAt(), rule.getAsInt());
        if (removed) {
            throw DomainException.invalid("Field 'expires_at' cannot be removed: account setting " + SETTING + " is "
                    + rule.getAsInt() + ", so a user or service ID API key must expire within " + rule.getAsInt()
                    + " days of its creation.");
        }
        boolean closer = key.expiresAt() == null || !expiresAt.isAfter(key.expiresAt());
        if (expiresAt.isAfter(latest) && !closer) {
            throw tooLate(rule.getAsInt(), latest);
        }
    }

    private static DomainException tooLate(int days, Instant latest) {
        return DomainException.invalid("Field 'expires_at' must be no later than " + latest + ": account setting "
                + SETTING + " is " + days + ", so a user or service ID API key must expire within " + days
                + " days of its creation.");
    }
}
