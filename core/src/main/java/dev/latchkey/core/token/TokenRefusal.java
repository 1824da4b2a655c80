package dev.latchkey.core.token;

/** Why a token request was refused, with IBM's token-service error code and message (reference §6, §8). */
public enum TokenRefusal {
    KEY_NOT_FOUND("BXNIM0415E", "Provided API key could not be found.",
            "BXNIM0102E: Unable to find Object. Object Type: 'ApiKey' not found."),
    KEY_DISABLED("BXNIM0462E", "Provided API key is disabled.", null),
    KEY_EXPIRED("LKIAM0463E", "Provided API key has expired.", null),
    NOT_A_MEMBER("LKIAM0464E", "The identity of the API key is not a member of the requested account.", null),
    BAD_CREDENTIALS("BXNIM0602E", "The credentials you provided are incorrect.", null),
    TENANT_MISMATCH("LKIAM0465E", "The account of the API key is not among the accounts in the IBM-Cloud-Tenant header.", null),
    ADDRESS_NOT_ALLOWED("LKIAM0466E", "The IP address is not allowed to create tokens for this account.", null),
    /** Its message gets the wait appended: {@link TokenOutcome.Refused#mustWait}. */
    TOO_MANY_FAILURES(429, "LKIAM0429E", "Too many wrong passwords for this e-mail address", null);

    private final int status;
    private final String errorCode;
    private final String message;
    private final String details;

    TokenRefusal(String errorCode, String message, String details) {
        this(400, errorCode, message, details);
    }

    TokenRefusal(int status, String errorCode, String message, String details) {
        this.status = status;
        this.errorCode = errorCode;
        this.message = message;
        this.details = details;
    }

    /** The HTTP status: 400, as IBM answers every token refusal, except 429 for {@link #TOO_MANY_FAILURES}. */
    public int status() {
        return status;
    }

    /** IBM's {@code errorDetails}, or null; never contains the presented value. */
    public String details() {
        return details;
    }

    public String errorCode() {
        return errorCode;
    }

    public String message() {
        return message;
    }
}
