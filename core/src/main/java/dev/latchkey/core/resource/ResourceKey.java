package dev.latchkey.core.resource;

import dev.latchkey.core.common.IamIds;
import dev.latchkey.core.serviceid.ServiceId;
import java.time.Instant;

/**
 * A resource key (a service credential) as stored: a name on one instance, and the IAM identity behind it — the
 * service ID it authenticates as, that service ID's API key, and the policy granting {@code roleCrn} on the
 * instance. Its id on the wire is its CRN,
 * {@code crn:v1:bluemix:public:<service>:global:a/<account>:<instance guid>:resource-key:<guid>}. A removed key
 * stays stored with the ids of what was deleted. Immutable.
 *
 * @param serviceId      {@code ServiceId-…}
 * @param serviceIdOwned true when the service ID was made for this key (deleted with it); false when the creator
 *                       named an existing one ({@code parameters.serviceid_crn}), which outlives the key
 */
public record ResourceKey(String guid, String accountId, String instanceGuid, String serviceName,
                          String resourceGroupId, String name, String roleCrn, String serviceId,
                          boolean serviceIdOwned, String apiKeyId, String policyId, ResourceState state,
                          Instant createdAt, String createdBy, Instant updatedAt, String updatedBy, Instant deletedAt,
                          String deletedBy, long version) {

    /** The CRN of key {@code guid} on instance {@code instanceGuid} of {@code service} in {@code accountId}. */
    public static String crnOf(String service, String accountId, String instanceGuid, String guid) {
        return "crn:v1:bluemix:public:" + service + ":global:a/" + accountId + ":" + instanceGuid
                + ":resource-key:" + guid;
    }

    public String crn() {
        return crnOf(serviceName, accountId, instanceGuid, guid);
    }

    /** The CRN of the instance the key is for: IBM's {@code source_crn}. */
    public String sourceCrn() {
        return ResourceInstance.crnOf(serviceName, accountId, instanceGuid);
    }

    public String serviceIdCrn() {
        return "crn:v1:bluemix:public:iam-identity::a/" + accountId + "::serviceid:" + serviceId;
    }

    public String serviceIdIamId() {
        return IamIds.ofServiceId(serviceId);
    }

    /** The description IBM gives the API key behind a credential. */
    public String apiKeyDescription() {
        return "Auto-generated for key " + crn();
    }

    public boolean isRemoved() {
        return state == ResourceState.REMOVED;
    }

    public ResourceKey renamed(String newName, String by, Instant now) {
        return new ResourceKey(guid, accountId, instanceGuid, serviceName, resourceGroupId, newName, roleCrn,
                serviceId, serviceIdOwned, apiKeyId, policyId, state, createdAt, createdBy, now, by, deletedAt,
                deletedBy, version + 1);
    }

    public ResourceKey removed(String by, Instant now) {
        return new ResourceKey(guid, accountId, instanceGuid, serviceName, resourceGroupId, name, roleCrn,
                serviceId, serviceIdOwned, apiKeyId, policyId, ResourceState.REMOVED, createdAt, createdBy, now, by,
                now, by, version + 1);
    }
}
