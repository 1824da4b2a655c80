package dev.latchkey.core.common;

/**
 * The authenticated caller of a management request, as its access token says: an identity acting in one
 * account. Immutable.
 */
public record Principal(String iamId, String accountId) {
    /** Whether the caller is a service ID rather than a user or functional ID. */
    public boolean isServiceId() {
        return IamIds.isServiceId(iamId);
    }
}
