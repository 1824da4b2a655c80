package dev.latchkey.core.serviceid;

import dev.latchkey.core.access.Principal;

/**
 * The one hook that decides whether a user member of an account may create a service ID there, consulted by
 * {@link ServiceIdService#create} after the membership check and before anything is written. IBM's default lets
 * every member create service IDs; the account setting {@code restrict_create_service_id} will plug in here
 * (refusing unless the caller holds the "Service ID creator" role explicitly, see
 * {@link dev.latchkey.core.access.AccessDecider#holdsExplicitly}). Implementations are thread-safe.
 */
@FunctionalInterface
public interface ServiceIdCreationPolicy {

    /** IBM's default: any user member of the account may create service IDs. */
    ServiceIdCreationPolicy ANY_MEMBER = (caller, accountId) -> {
    };

    /**
     * Returns normally when {@code caller} may create a service ID in {@code accountId}.
     *
     * @throws dev.latchkey.core.common.DomainException FORBIDDEN (403) with a message saying why not
     */
    void requireMayCreate(Principal caller, String accountId);
}
