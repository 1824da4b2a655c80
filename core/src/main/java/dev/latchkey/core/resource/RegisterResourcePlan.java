package dev.latchkey.core.resource;

/**
 * A request to register a plan, as the client sent it; {@link PlanCatalogue} validates every field. Null means the
 * client left the field out. The service is named by {@code resourceId} or, as for instances, {@code serviceName};
 * where both are given they must agree.
 */
public record RegisterResourcePlan(String id, String name, String resourceId, String serviceName) {
}
