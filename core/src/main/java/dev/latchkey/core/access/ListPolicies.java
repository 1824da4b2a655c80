package dev.latchkey.core.access;

import dev.latchkey.core.common.DomainException;
import java.time.Instant;
import java.util.Comparator;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A policy listing as IBM's {@code GET /v1/policies} and {@code GET /v2/policies} ask for it: the account
 * (required), optionally one subject or one access group, a type (null: any) and a state, IBM's filters on the
 * resource ({@code service_name}, {@code service_type}, {@code service_group_id}, {@code tag_name} and
 * {@code tag_value}; null: not asked) and {@code sort}, and the page. Immutable.
 */
public record ListPolicies(String accountId, String iamId, String accessGroupId, Type type, State state,
                           int offset, int limit, String serviceName, String serviceType, String serviceGroupId,
                           String tagName, String tagValue, String sort) {

    public enum Type { ACCESS, AUTHORIZATION }

    /** Active policies, or the deleted ones IBM keeps listable. */
    public enum State { ACTIVE, DELETED }

    /** IBM's sort fields; a leading {@code -} sorts descending. */
    static final Set<String> SORT_FIELDS = Set.of("id", "type", "href", "created_at", "created_by_id",
            "last_modified_at", "last_modified_by_id", "state");

    /** A listing without IBM's resource filters and sort. */
    public ListPolicies(String accountId, String iamId, String accessGroupId, Type type, State state, int offset,
                        int limit) {
        this(accountId, iamId, accessGroupId, type, state, offset, limit, null, null, null, null, null, null);
    }

    /** Whether a filter or a sort is asked for: then the listing is filtered and ordered in memory. */
    boolean refined() {
        return serviceName != null || serviceType != null || serviceGroupId != null || tagName != null
                || tagValue != null || sort != null;
    }

    /** The resource filters as one test; 400 for a value none could match. */
    Predicate<Policy> filter() {
        if (serviceType != null && !Set.of("service", "platform_service").contains(serviceType)) {
            throw DomainException.invalid("Parameter 'service_type' must be service or platform_service.");
        }
        if (serviceGroupId != null && !serviceGroupId.equals("IAM")) {
            throw DomainException.invalid("Parameter 'service_group_id' must be IAM, the only service group Latchkey "
                    + "knows.");
        }
        return policy -> (serviceName == null || serviceName.equals(policy.attribute("serviceName")))
                && (serviceType == null || serviceType.equals(policy.attribute("serviceType")))
                && (serviceGroupId == null || serviceGroupId.equals(policy.attribute("service_group_id")))
                && (tagName == null && tagValue == null || policy.resourceTags() != null && policy.resourceTags()
                .stream().anyMatch(t -> (tagName == null || tagName.equals(t.name()))
                        && (tagValue == null || tagValue.equals(t.value()))));
    }

    /** The order {@code sort} asks for, oldest first when none; ties by id. 400 for a field IBM does not sort by. */
    Comparator<Policy> order() {
        if (sort == null) {
            return Comparator.comparing(Policy::createdAt).thenComparing(Policy::id);
        }
        boolean descending = sort.startsWith("-");
        String field = descending ? sort.substring(1) : sort;
        if (!SORT_FIELDS.contains(field)) {
            throw DomainException.invalid("Parameter 'sort' must be one of " + String.join(", ",
                    SORT_FIELDS.stream().sorted().toList()) + ", optionally after '-' for descending.");
        }
        Comparator<Policy> by = switch (field) {
            case "type" -> text(Policy::type);
            case "created_at" -> Comparator.comparing(Policy::createdAt, Comparator.nullsLast(Instant::compareTo));
            case "created_by_id" -> text(Policy::createdBy);
            case "last_modified_at" -> Comparator.comparing(Policy::modifiedAt,
                    Comparator.nullsLast(Instant::compareTo));
            case "last_modified_by_id" -> text(Policy::modifiedBy);
            case "state" -> text(Policy::state);
            default -> text(Policy::id); // id and href order alike
        };
        by = by.thenComparing(Policy::id);
        return descending ? by.reversed() : by;
    }

    private static Comparator<Policy> text(Function<Policy, String> field) {
        return Comparator.comparing(field, Comparator.nullsLast(String::compareTo));
    }
}
