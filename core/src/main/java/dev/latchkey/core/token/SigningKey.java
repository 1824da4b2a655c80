package dev.latchkey.core.token;

import java.security.KeyPair;
import java.time.Instant;

/** A loaded signing key: {@code RS256} (RSA 2048) or {@code ES256} (P-256). Immutable. */
public record SigningKey(String kid, String algorithm, KeyPair keyPair, Instant createdAt) {
}
