package dev.latchkey.core.token;

/** Why a token request was refused, with IBM's token-service error code and message (reference §6, §8). */
public enum TokenRefusal {
    KEY_NOT_FOUND("BXNIM0415E", "Provided API key could not be found."),
    KEY_DISABLED("BXNIM0462E", "Provided API key is disabled."),
    KEY_EXPIRED("LKIAM0463E", "Provided API key has expired."),
    NOT_A_MEMBER("LKIAM0464E", "The identity of the API key is not a member of the requested account."),
    TENANT_MISMATCH("LKIAM0465E", "The account of the API key is not among the accounts in the IBM-Cloud-Tenant header."),
    ADDRESS_NOT_ALLOWED("LKIAM0466E", "The IP address is not allowed to create tokens for this account.");

    private final String errorCode;
    private final String message;

    TokenRefusal(String errorCode, String message) {
        this.errorCode = errorCode;
        this.message = message;
    }

    public String errorCode() {
        return errorCode;
    }

    public String message() {
        return message;
    }
}
