package dev.latchkey.core.classic;

import java.time.Instant;

/**
 * A classic infrastructure key as stored: the SHA-256 of its value for authentication and the value sealed with
 * the master key so its owner can see it again. Immutable.
 */
public record ClassicKey(String id, String accountId, String iamId, String hash, byte[] sealedValue,
                         String displayPrefix, String createdBy, Instant createdAt) {
}
