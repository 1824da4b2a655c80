package dev.latchkey.http.token;

import dev.latchkey.core.token.TokenRefusal;

/**
 * How a refused token request goes on the wire: IBM answers every refusal with 400, except 429 when the password
 * grant must wait; the error codes are IBM's where IBM has one (reference §6, §8), Latchkey's LKIAM otherwise.
 */
final class TokenErrors {
    private TokenErrors() {
    }

    static int status(TokenRefusal refusal) {
        return refusal == TokenRefusal.TOO_MANY_FAILURES ? 429 : 400;
    }

    static String code(TokenRefusal refusal) {
        return switch (refusal) {
            case KEY_NOT_FOUND -> "BXNIM0415E";
            case KEY_DISABLED -> "BXNIM0462E";
            case KEY_EXPIRED -> "LKIAM0463E";
            case NOT_A_MEMBER -> "LKIAM0464E";
            case BAD_CREDENTIALS -> "BXNIM0602E";
            case TENANT_MISMATCH -> "LKIAM0465E";
            case ADDRESS_NOT_ALLOWED -> "LKIAM0466E";
            case EXTERNAL_IDENTITY_LIMITED -> "LKIAM0467E";
            case TOO_MANY_FAILURES -> "LKIAM0429E";
        };
    }

    /** IBM's {@code errorDetails}, or null; never holds the presented value. */
    static String details(TokenRefusal refusal) {
        return refusal == TokenRefusal.KEY_NOT_FOUND
                ? "BXNIM0102E: Unable to find Object. Object Type: 'ApiKey' not found." : null;
    }
}
