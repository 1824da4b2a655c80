package dev.latchkey.core.access;

/**
 * The authenticated caller of a management request, as its access token says: an identity acting in one
 * account. Immutable.
 */
public record Principal(String iamId, String accountId) {
}
