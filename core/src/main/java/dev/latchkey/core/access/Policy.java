package dev.latchkey.core.access;

import java.time.Instant;
import java.util.List;

/**
 * An access policy in IBM's v1 shape: one subject (an IAM id) holds roles on one resource, described by
 * attributes ({@code accountId} always, plus {@code serviceName}, {@code serviceInstance}, {@code resourceType},
 * {@code resource}, …). Attributes and tags are kept exactly as sent, operators included, so they echo back
 * unchanged. Immutable.
 */
public record Policy(String id, String type, String accountId, String subjectIamId, List<String> roleIds,
                     List<Attribute> resourceAttributes, List<Attribute> resourceTags, String description,
                     String state, Instant createdAt, String createdBy, Instant modifiedAt, String modifiedBy,
                     long version) {

    public static final String IAM_IDENTITY = "iam-identity";
    public static final String ACTIVE = "active";

    /** One resource attribute or tag; {@code operator} is null when the client sent none (meaning equals). */
    public record Attribute(String name, String value, String operator) {
    }

    public Policy {
        roleIds = List.copyOf(roleIds);
        resourceAttributes = List.copyOf(resourceAttributes);
        resourceTags = resourceTags == null ? null : List.copyOf(resourceTags);
    }

    /** The value of a resource attribute, or null. */
    public String attribute(String name) {
        return resourceAttributes.stream().filter(a -> a.name().equals(name)).map(Attribute::value).findFirst()
                .orElse(null);
    }

    /** A policy made by the system (bootstrap, service credentials): the subject holds roles on a service. */
    public static Policy grant(String id, String accountId, String subjectIamId, List<String> roleIds,
                               List<Attribute> resourceAttributes, String description, String by, Instant at) {
        return new Policy(id, "access", accountId, subjectIamId, roleIds, resourceAttributes, null, description, ACTIVE,
                at, by, at, by, 1);
    }
}
