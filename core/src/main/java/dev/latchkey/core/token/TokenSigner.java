package dev.latchkey.core.token;

/** Signs access tokens with the active signing key. Implementations are thread-safe. */
public interface TokenSigner {
    String sign(AccessTokenClaims claims);
}
