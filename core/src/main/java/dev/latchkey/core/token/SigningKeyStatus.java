package dev.latchkey.core.token;

import java.time.Instant;

/**
 * A signing key's state at one instant and the times of its life, without any key material. Immutable.
 *
 * @param retiresAt when it is (or was) retired; null while no newer key is there to take over from it
 */
public record SigningKeyStatus(String kid, String algorithm, SigningKeyState state, Instant createdAt,
                               Instant activatesAt, Instant retiresAt) {
}
