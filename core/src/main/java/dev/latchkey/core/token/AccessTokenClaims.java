package dev.latchkey.core.token;

import java.time.Instant;

/**
 * What an access token says, in IBM's claim vocabulary (reference §9): who ({@code iamId}, {@code subType}),
 * in which account, issued when and until when. The signer turns it into a JWT. Immutable.
 *
 * @param subType {@code user} for a person or functional ID (IBM's user tokens carry no sub_type),
 *                {@code ServiceId} for a service ID
 * @param authnAccountId the account the identity authenticated in, when not {@code accountId} (a user API key
 *                       created in another account), else null; signed as Latchkey's {@value #AUTHN_ACCOUNT_CLAIM}
 */
public record AccessTokenClaims(String jti, String iamId, String identifier, String realm, String subType,
                                String subject, String name, String givenName, String familyName, String email,
                                String accountId, Instant issuedAt, Instant expiresAt, String issuer,
                                String grantType, String clientId, String authnAccountId) {

    /** The claims of a token for the account its identity authenticated in. */
    public AccessTokenClaims(String jti, String iamId, String identifier, String realm, String subType,
                             String subject, String name, String givenName, String familyName, String email,
                             String accountId, Instant issuedAt, Instant expiresAt, String issuer,
                             String grantType, String clientId) {
        this(jti, iamId, identifier, realm, subType, subject, name, givenName, familyName, email, accountId,
                issuedAt, expiresAt, issuer, grantType, clientId, null);
    }

    public static final String GRANT_APIKEY = "urn:ibm:params:oauth:grant-type:apikey";
    public static final String GRANT_PASSWORD = "password";
    /** A signed-in user's token for another of their accounts, as IBM's refresh with {@code bss_account} issues. */
    public static final String GRANT_REFRESH = "refresh_token";
    public static final String SCOPE = "ibm openid";
    /** The claim that names the account a token's identity authenticated in, when not the token's (decision 0034). */
    public static final String AUTHN_ACCOUNT_CLAIM = "authn_account";
}
