package dev.latchkey.core.serviceid;

import dev.latchkey.core.access.AccessDecider;
import dev.latchkey.core.access.Resource;
import dev.latchkey.core.access.Role;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.settings.AccountSettingsService;

/**
 * Decides whether a user member of an account may create a service ID there, consulted by
 * {@link ServiceIdService#create} after the membership check and before anything is written. IBM's default lets
 * every member create service IDs; the account setting {@code restrict_create_service_id=RESTRICTED} refuses
 * everyone, the owner included, who does not hold the "Service ID creator" role explicitly. Thread-safe.
 */
@FunctionalInterface
public interface ServiceIdCreationPolicy {

    /**
     * Returns normally when {@code caller} may create a service ID in {@code accountId}.
     *
     * @throws dev.latchkey.core.common.DomainException FORBIDDEN (403) with a message saying why not
     */
    void requireMayCreate(Principal caller, String accountId);

    /** The account setting's rule, read at request time. */
    static ServiceIdCreationPolicy bySettings(AccountSettingsService settings, AccessDecider access) {
        return (caller, accountId) -> {
            if (settings.restrictsServiceIdCreation(accountId) && !access.holdsExplicitly(caller, Role.SERVICE_ID_CREATOR,
                    Resource.service(accountId, "iam-identity"))) {
                throw DomainException.forbidden("Creating service IDs is restricted in account " + accountId
                        + " (account setting restrict_create_service_id is RESTRICTED): it needs the "
                        + Role.SERVICE_ID_CREATOR.displayName() + " role on the IAM Identity service, granted explicitly "
                        + "by a policy; the account owner is no exception.");
            }
        };
    }
}
