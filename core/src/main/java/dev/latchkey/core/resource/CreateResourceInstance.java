package dev.latchkey.core.resource;

/**
 * A request to create an instance, as the client sent it; the service validates every field. Null means the client
 * left the field out. The service is named by {@code resourceId} (IBM's field), {@code serviceName} (Latchkey's
 * alias) or {@code parametersServiceName} ({@code parameters.service_name}, for IBM's SDKs, which send no
 * {@code resource_id}), or by {@code resourcePlanId} alone when it is a plan of the catalogue ({@link PlanCatalogue});
 * where several are given they must agree.
 */
public record CreateResourceInstance(String name, String target, String resourceGroup, String resourcePlanId,
                                     String resourceId, String serviceName, String parametersServiceName,
                                     boolean locked) {
}
