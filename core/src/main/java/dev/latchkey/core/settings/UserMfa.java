package dev.latchkey.core.settings;

/**
 * One user's MFA exemption in {@code user_mfa}: the IAM id and the MFA level that applies to them. The other
 * fields are read-only enrichment ({@code resolve_user_mfa=true}), null when not asked for or not known; they are
 * never stored. {@code userName} keeps IBM's camelCase on the wire. Immutable.
 */
public record UserMfa(String iamId, String mfa, String name, String userName, String email, String description) {

    public static UserMfa of(String iamId, String mfa) {
        return new UserMfa(iamId, mfa, null, null, null, null);
    }

    /** The stored form: only {@code iam_id} and {@code mfa}. */
    public UserMfa withoutProfile() {
        return of(iamId, mfa);
    }
}
