package dev.latchkey.core.token;

/**
 * Why a token request was refused, with the message the client is shown (IBM's wording where IBM has one,
 * reference §6, §8). Its status and IBM error code are the HTTP layer's ({@code dev.latchkey.http.token.TokenErrors}).
 */
public enum TokenRefusal {
    KEY_NOT_FOUND("Provided API key could not be found."),
    KEY_DISABLED("Provided API key is disabled."),
    KEY_EXPIRED("Provided API key has expired."),
    NOT_A_MEMBER("The identity of the API key is not a member of the requested account."),
    BAD_CREDENTIALS("The credentials you provided are incorrect."),
    TENANT_MISMATCH("The account of the API key is not among the accounts in the IBM-Cloud-Tenant header."),
    ADDRESS_NOT_ALLOWED("The IP address is not allowed to create tokens for this account."),
    /** A user API key of another account, for an account that limits external identity interactions (0034). */
    EXTERNAL_IDENTITY_LIMITED("The account does not allow users authenticated in the API key's account."),
    /** Its message gets the wait appended: {@link TokenOutcome.Refused#mustWait}. */
    TOO_MANY_FAILURES("Too many wrong passwords for this e-mail address");

    private final String message;

    TokenRefusal(String message) {
        this.message = message;
    }

    public String message() {
        return message;
    }
}
