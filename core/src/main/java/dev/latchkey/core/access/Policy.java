package dev.latchkey.core.access;

import java.time.Instant;
import java.util.List;

/**
 * An access policy: one subject (an IAM id, or an access group's id) holds roles on one resource, described by
 * attributes ({@code accountId} always, plus {@code serviceName}, {@code serviceInstance}, {@code resourceType},
 * {@code resource}, …), and, when written through IBM's v2 API, only while its {@link Rule} holds (time-based
 * conditions, with IBM's {@code pattern} naming their kind). The v1 and the v2 API read and write the same policies.
 * Attributes and tags are kept exactly as sent, operators included, so they echo back unchanged. Immutable.
 */
public record Policy(String id, String type, String accountId, String subjectIamId, List<String> roleIds,
                     List<Attribute> resourceAttributes, List<Attribute> resourceTags, String description,
                     String state, Instant createdAt, String createdBy, Instant modifiedAt, String modifiedBy,
                     long version, String pattern, Rule rule) {

    public static final String IAM_IDENTITY = "iam-identity";
    public static final String ACTIVE = "active";

    /**
     * One resource attribute or tag; {@code operator} is null when the client sent none (meaning equals). For
     * {@code stringEqualsAnyOf} and {@code stringMatchAnyOf} the value is a list ({@link AttributeValues}), for
     * {@code stringExists} {@code true} or {@code false}.
     */
    public record Attribute(String name, String value, String operator) {
    }

    /**
     * IBM's v2 {@code rule}: a condition ({@code key}, {@code operator}, {@code value}; a list value as in
     * {@link Attribute}) or, with {@code operator} {@code and}/{@code or}, a group of {@code conditions}. Immutable.
     */
    public record Rule(String key, String operator, String value, List<Rule> conditions) {
        public Rule {
            conditions = conditions == null ? null : List.copyOf(conditions);
        }

        public static Rule condition(String key, String operator, String value) {
            return new Rule(key, operator, value, null);
        }

        public static Rule group(String operator, List<Rule> conditions) {
            return new Rule(null, operator, null, conditions);
        }

        public boolean isGroup() {
            return conditions != null;
        }
    }

    public Policy {
        roleIds = List.copyOf(roleIds);
        resourceAttributes = List.copyOf(resourceAttributes);
        resourceTags = resourceTags == null ? null : List.copyOf(resourceTags);
    }

    /** A policy without conditions, as the v1 API writes them. */
    public Policy(String id, String type, String accountId, String subjectIamId, List<String> roleIds,
                  List<Attribute> resourceAttributes, List<Attribute> resourceTags, String description, String state,
                  Instant createdAt, String createdBy, Instant modifiedAt, String modifiedBy, long version) {
        this(id, type, accountId, subjectIamId, roleIds, resourceAttributes, resourceTags, description, state,
                createdAt, createdBy, modifiedAt, modifiedBy, version, null, null);
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
