package dev.latchkey.core.token;

import java.time.Instant;

/**
 * What an access token says, in IBM's claim vocabulary (reference §9): who ({@code iamId}, {@code subType}),
 * in which account, issued when and until when. The signer turns it into a JWT. Immutable.
 *
 * @param subType {@code user} for a person or functional ID (IBM's user tokens carry no sub_type),
 *                {@code ServiceId} for a service ID
 */
public record AccessTokenClaims(String jti, String iamId, String identifier, String realm, String subType,
                                String subject, String name, String givenName, String familyName, String email,
                                String accountId, Instant issuedAt, Instant expiresAt, String issuer,
                                String grantType, String clientId) {

    public static final String GRANT_APIKEY = "urn:ibm:params:oauth:grant-type:apikey";
    public static final String GRANT_PASSWORD = "password";
    /** A signed-in user's token for another of their accounts, as IBM's refresh with {@code bss_account} issues. */
    public static final String GRANT_REFRESH = "refresh_token";
    public static final String SCOPE = "ibm openid";
}
