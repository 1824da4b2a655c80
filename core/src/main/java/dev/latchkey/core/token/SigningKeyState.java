package dev.latchkey.core.token;

import java.util.Locale;

/** Where a signing key is in its life at one instant ({@link SigningKeySchedule}). */
public enum SigningKeyState {
    /** Published, so that verifiers learn it, but not signing yet. */
    PENDING,
    /** Signs every new token; published. */
    ACTIVE,
    /** A newer key signs; still published, so that the tokens it signed verify until they expire. */
    RETIRING,
    /** Not published; the tokens it signed are refused. */
    RETIRED;

    /** The name on the wire: {@code pending}, {@code active}, {@code retiring}, {@code retired}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the key is in the JWKS and verifies tokens. */
    public boolean published() {
        return this != RETIRED;
    }
}
