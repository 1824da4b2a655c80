package dev.latchkey.core.token;

/** The answer to a token request: a signed token, or a refusal. Refusals are expected and so are values. */
public sealed interface TokenOutcome {

    /** @param expiration epoch seconds at which the token stops being valid */
    record Issued(String accessToken, long expiresIn, long expiration) implements TokenOutcome {
    }

    record Refused(TokenRefusal refusal) implements TokenOutcome {
    }
}
