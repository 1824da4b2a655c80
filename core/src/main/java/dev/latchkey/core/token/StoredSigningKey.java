package dev.latchkey.core.token;

import java.time.Instant;

/**
 * A token-signing key pair as stored: the public key in X.509 DER and the private key in PKCS#8 DER, sealed with
 * the master key, and the times that decide its life ({@link SigningKeySchedule}). Immutable.
 *
 * @param sealedPrivateKey null once the key is retired: nothing may sign with it again
 * @param activatesAt      when it starts signing; until then it is only published
 * @param retiredAt        when it was retired (no longer published, its tokens refused); null until then
 * @param succeeds         the kid of the key made just before it, {@link #FIRST} for the first key: the store
 *                         keeps one key per predecessor, so of two nodes rotating at once only one makes a key
 */
public record StoredSigningKey(String kid, String algorithm, byte[] publicKey, byte[] sealedPrivateKey,
                               Instant createdAt, Instant activatesAt, Instant retiredAt, String succeeds) {
    /** What the first key of a database succeeds. */
    public static final String FIRST = "";
}
