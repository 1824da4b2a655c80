package dev.latchkey.core.token;

import java.time.Instant;

/**
 * A token-signing key pair as stored: the public key in X.509 DER and the private key in PKCS#8 DER, sealed
 * with the master key. Immutable.
 */
public record StoredSigningKey(String kid, String algorithm, byte[] publicKey, byte[] sealedPrivateKey,
                               Instant createdAt) {
}
