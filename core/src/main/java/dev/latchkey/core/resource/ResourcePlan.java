package dev.latchkey.core.resource;

import java.time.Instant;

/**
 * A plan of the catalogue ({@link PlanCatalogue}): a plan id (IBM's {@code resource_plan_id}) that names the service
 * its instances belong to, so that an instance created with the plan id alone, as IBM's SDKs create them, gets that
 * service. A built-in plan ({@code accountId} null, no creation time) exists in every account; a registered plan
 * belongs to the one account it was registered in. Immutable.
 *
 * @param name      the display name ("Lite", "Standard", …)
 * @param createdAt null for a built-in plan
 * @param createdBy the IAM id that registered it; null for a built-in plan
 */
public record ResourcePlan(String id, String accountId, String serviceName, String name, Instant createdAt,
                           String createdBy) {

    public static ResourcePlan builtIn(String id, String serviceName, String name) {
        return new ResourcePlan(id, null, serviceName, name, null, null);
    }

    public boolean isBuiltIn() {
        return accountId == null;
    }
}
