package dev.latchkey.core.identity;

import dev.latchkey.core.common.Principal;

/**
 * What goes when someone leaves an account besides their membership and policies: their API keys there, with the
 * notices that go with deleting them. The API-key feature implements it; identity owns the port so that it does
 * not depend on API keys, which depend on identities.
 */
@FunctionalInterface
public interface MemberCredentials {
    /** Deletes {@code iamId}'s credentials in {@code accountId}; called inside the removing transaction. */
    void deleteAllOf(Principal caller, String accountId, String iamId);
}
