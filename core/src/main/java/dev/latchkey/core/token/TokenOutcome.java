package dev.latchkey.core.token;

import java.time.Duration;

/** The answer to a token request: a signed token, or a refusal. Refusals are expected and so are values. */
public sealed interface TokenOutcome {

    /**
     * @param expiration epoch seconds at which the token stops being valid
     * @param iamId      whose token it is
     * @param accountId  the account it acts in
     * @param authnAccountId the account of the API key it was issued for (a password: null); for an account switch,
     *                       that of the key the session was opened with
     */
    record Issued(String accessToken, long expiresIn, long expiration, String iamId, String accountId,
                  String authnAccountId) implements TokenOutcome {
        public Issued(String accessToken, long expiresIn, long expiration, String iamId, String accountId) {
            this(accessToken, expiresIn, expiration, iamId, accountId, null);
        }
    }

    /**
     * @param message           the refusal's message, with specifics such as the client address filled in
     * @param retryAfterSeconds when asking again may succeed, for {@link TokenRefusal#TOO_MANY_FAILURES}; else 0
     */
    record Refused(TokenRefusal refusal, String message, long retryAfterSeconds) implements TokenOutcome {
        public Refused(TokenRefusal refusal, String message) {
            this(refusal, message, 0);
        }

        public Refused(TokenRefusal refusal) {
            this(refusal, refusal.message());
        }

        /** {@link TokenRefusal#TOO_MANY_FAILURES}: ask again after {@code wait}, in whole seconds rounded up. */
        public static Refused mustWait(Duration wait) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            return new Refused(TokenRefusal.TOO_MANY_FAILURES,
                    TokenRefusal.TOO_MANY_FAILURES.message() + "; try again in " + seconds + " seconds.", seconds);
        }
    }
}
