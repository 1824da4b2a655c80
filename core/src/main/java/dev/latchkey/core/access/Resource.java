package dev.latchkey.core.access;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an action is done to, as IAM attributes: {@code accountId} always, and {@code serviceName},
 * {@code serviceInstance}, {@code resourceType}, {@code resource} as far as they apply. Immutable.
 */
public record Resource(Map<String, String> attributes) {

    public Resource {
        attributes = Map.copyOf(attributes);
    }

    public String accountId() {
        return attributes.get("accountId");
    }

    public String serviceName() {
        return attributes.get("serviceName");
    }

    /** A whole service in an account. */
    public static Resource service(String accountId, String serviceName) {
        return new Resource(Map.of("accountId", accountId, "serviceName", serviceName));
    }

    /** What access decisions about the service ID {@code id} are made on. */
    public static Resource serviceId(String accountId, String id) {
        return of(accountId, Policy.IAM_IDENTITY, "serviceid", id);
    }

    /** One resource of a type within a service, e.g. a service ID of {@code iam-identity}. */
    public static Resource of(String accountId, String serviceName, String resourceType, String resource) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("accountId", accountId);
        attributes.put("serviceName", serviceName);
        attributes.put("resourceType", resourceType);
        attributes.put("resource", resource);
        return new Resource(attributes);
    }
}
