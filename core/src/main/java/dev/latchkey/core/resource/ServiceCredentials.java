package dev.latchkey.core.resource;

import dev.latchkey.core.access.AccessGroupStore;
import dev.latchkey.core.access.Policy;
import dev.latchkey.core.access.PolicyStore;
import dev.latchkey.core.access.Role;
import dev.latchkey.core.apikey.ApiKeyService;
import dev.latchkey.core.apikey.ApiKeyStore;
import dev.latchkey.core.apikey.CreatedApiKey;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.ErrorCode;
import dev.latchkey.core.common.HistoryEntry;
import dev.latchkey.core.common.IamIds;
import dev.latchkey.core.common.Ids;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.serviceid.ServiceId;
import dev.latchkey.core.serviceid.ServiceIdStore;
import java.time.Instant;
import java.util.List;

/**
 * The IAM side of a resource key: the service ID it authenticates as (made for it, or an existing one), a
 * retrievable API key of that service ID, and a policy granting the key's role on exactly its instance. Both
 * methods run inside the caller's transaction and check nothing: {@link ResourceService} decided. The writes go
 * through the caching stores, which evict what they change, so a revoked key fails at once on this node; on
 * PostgreSQL the key store also tells the other nodes. Thread-safe.
 */
final class ServiceCredentials {
    /** What {@link #issue} made: the service ID (new when {@code owned}), the key with its value, the policy. */
    record Issued(ServiceId serviceId, boolean owned, CreatedApiKey apiKey, Policy policy) {
    }

    private final ServiceIdStore serviceIds;
    private final ApiKeyService apiKeys;
    private final ApiKeyStore keys;
    private final PolicyStore policies;
    private final AccessGroupStore accessGroups;
    private final Ids ids;

    ServiceCredentials(ServiceIdStore serviceIds, ApiKeyService apiKeys, ApiKeyStore keys, PolicyStore policies,
                       AccessGroupStore accessGroups, Ids ids) {
        this.accessGroups = accessGroups;
        this.serviceIds = serviceIds;
        this.apiKeys = apiKeys;
        this.keys = keys;
        this.policies = policies;
        this.ids = ids;
    }

    /**
     * Makes the identity of key {@code keyCrn}: a service ID named {@code name} whose unique instance CRN is the
     * instance's (unless {@code given}), its API key (named {@code name}, described as IBM describes it), and the
     * policy granting {@code role} on the instance alone. The service ID made here and the API key are locked, so
     * that the IAM Identity API does not delete them from under the credential by mistake (decision 0009).
     */
    Issued issue(Principal caller, ResourceInstance instance, String keyCrn, String name, Role role,
                 ServiceId given, Instant now) {
        ServiceId serviceId = given;
        if (serviceId == null) {
            String id = ids.serviceId();
            serviceId = new ServiceId(id, IamIds.ofServiceId(id), instance.accountId(), name,
                    "Service ID of resource key " + keyCrn, List.of(instance.crn()), true, now, now, caller.iamId(), 1);
            serviceIds.insert(serviceId, new HistoryEntry(now, caller.iamId(), caller.accountId(), "create", List.of(),
                    "Service ID created for resource key " + keyCrn));
        }
        CreatedApiKey apiKey = apiKeys.createForServiceCredential(caller, serviceId.accountId(), serviceId.iamId(), name,
                "Auto-generated for key " + keyCrn);
        Policy policy = Policy.grant(ids.policyId(), instance.accountId(), serviceId.iamId(), List.of(role.crn()),
                List.of(new Policy.Attribute("accountId", instance.accountId(), null),
                        new Policy.Attribute("serviceName", instance.serviceName(), null),
                        new Policy.Attribute("serviceInstance", instance.guid(), null)),
                role.displayName() + " on instance " + instance.guid() + ", for resource key " + keyCrn,
                caller.iamId(), now);
        policies.insert(policy);
        return new Issued(serviceId, given == null, apiKey, policy);
    }

    /**
     * Removes the identity of {@code key}: a service ID made for it goes with all its keys and every policy granted
     * to it (as a service ID delete does); an existing one keeps everything but the key's API key and policy.
     * What is already gone (deleted through the IAM Identity API) is skipped.
     */
    void revoke(ResourceKey key) {
        if (key.serviceIdOwned()) {
            keys.deleteForIdentity(key.accountId(), key.serviceIdIamId());
            policies.deleteForSubject(key.accountId(), key.serviceIdIamId());
            accessGroups.removeEverywhere(key.accountId(), key.serviceIdIamId());
            serviceIds.find(key.serviceId()).ifPresent(serviceId -> {
                if (!serviceIds.delete(serviceId.id(), serviceId.version())) {
                    throw concurrentChange();
                }
            });
        } else {
            keys.find(key.apiKeyId()).ifPresent(apiKey -> {
                if (!keys.delete(apiKey.id(), apiKey.version())) {
                    throw concurrentChange();
                }
            });
            policies.delete(key.policyId());
        }
    }

    private static DomainException concurrentChange() {
        return new DomainException(ErrorCode.ENTITY_TAG_MISMATCH,
                "The credential's service ID or API key was changed by another request at the same time; retry.");
    }
}
