package dev.latchkey.core.common;

/**
 * The authenticated caller of a management request, as its access token says: an identity acting in one
 * account. Immutable.
 *
 * @param authnAccountId the account the identity authenticated in when that is not {@code accountId} (a user API
 *                       key of another account; decision 0034), else null
 */
public record Principal(String iamId, String accountId, String authnAccountId) {
    /** An identity that authenticated in the account it acts in. */
    public Principal(String iamId, String accountId) {
        this(iamId, accountId, null);
    }

    /** Whether the caller is a service ID rather than a user or functional ID. */
    public boolean isServiceId() {
        return IamIds.isServiceId(iamId);
    }
}
