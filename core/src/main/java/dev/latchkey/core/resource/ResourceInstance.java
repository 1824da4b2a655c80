package dev.latchkey.core.resource;

import dev.latchkey.core.access.Resource;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A service instance as stored: one instance of a service (IBM's {@code resource_id}, Latchkey's service name) in
 * an account. Its id on the wire is its CRN, {@code crn:v1:bluemix:public:<service>:global:a/<account>:<guid>::}.
 * A removed instance stays stored, with {@code deletedAt} set. {@code lastOperation} is the latest change's type
 * ({@code create}, {@code update}, {@code lock}, {@code unlock}, {@code delete}); {@code version} counts writes.
 * Immutable; "with" methods return changed copies.
 *
 * @param planId    IBM's {@code resource_plan_id}: a plan of the catalogue ({@link PlanCatalogue}) or, with the
 *                  service named, any text, stored and echoed
 * @param target    IBM's {@code target} (the location), stored and echoed as {@code region_id}
 * @param planSince when the instance got its current plan (its creation, or the update that changed the plan)
 * @param planSetBy who gave it its current plan
 */
public record ResourceInstance(String guid, String accountId, String name, String serviceName, String planId,
                               String resourceGroupId, String target, ResourceState state, boolean locked,
                               String lastOperation, Instant createdAt, String createdBy, Instant updatedAt,
                               String updatedBy, Instant deletedAt, String deletedBy, Instant planSince,
                               String planSetBy, long version) {

    /** The CRN of instance {@code guid} of {@code service} in {@code accountId}. */
    public static String crnOf(String service, String accountId, String guid) {
        return "crn:v1:bluemix:public:" + service + ":global:a/" + accountId + ":" + guid + "::";
    }

    public String crn() {
        return crnOf(serviceName, accountId, guid);
    }

    public boolean isRemoved() {
        return state == ResourceState.REMOVED;
    }

    /** What access decisions about this instance are made on. */
    public Resource resource() {
        return target(accountId, serviceName, resourceGroupId, guid);
    }

    /**
     * A decision target in the shape of an instance: {@code accountId}, {@code serviceName},
     * {@code resourceGroupId}, and {@code serviceInstance} unless {@code guid} is null (the service in that group,
     * where new instances are created).
     */
    public static Resource target(String accountId, String serviceName, String resourceGroupId, String guid) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("accountId", accountId);
        attributes.put("serviceName", serviceName);
        attributes.put("resourceGroupId", resourceGroupId);
        if (guid != null) {
            attributes.put("serviceInstance", guid);
        }
        return new Resource(attributes);
    }

    public ResourceInstance renamed(String newName, String by, Instant now) {
        return updated(newName, planId, by, now);
    }

    /** An update of the name and the plan (either may be what it was); a changed plan starts its time now. */
    public ResourceInstance updated(String newName, String newPlanId, String by, Instant now) {
        boolean planChanged = !newPlanId.equals(planId);
        return new ResourceInstance(guid, accountId, newName, serviceName, newPlanId, resourceGroupId, target, state,
                locked, "update", createdAt, createdBy, now, by, deletedAt, deletedBy, planChanged ? now : planSince,
                planChanged ? by : planSetBy, version + 1);
    }

    public ResourceInstance withLocked(boolean value, String by, Instant now) {
        return new ResourceInstance(guid, accountId, name, serviceName, planId, resourceGroupId, target, state,
                value, value ? "lock" : "unlock", createdAt, createdBy, now, by, deletedAt, deletedBy, planSince,
                planSetBy, version + 1);
    }

    public ResourceInstance removed(String by, Instant now) {
        return new ResourceInstance(guid, accountId, name, serviceName, planId, resourceGroupId, target,
                ResourceState.REMOVED, locked, "delete", createdAt, createdBy, now, by, now, by, planSince, planSetBy,
                version + 1);
    }
}
