package dev.latchkey.core.password;

import java.time.Instant;

/**
 * A pending password reset as stored: the SHA-256 of the link's secret (never the secret), whose password it resets,
 * and until when it works. Immutable.
 */
public record PasswordReset(String tokenHash, String iamId, Instant createdAt, Instant expiresAt) {
}
