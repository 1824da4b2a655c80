package dev.latchkey.core.access;

import dev.latchkey.core.common.DomainException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a {@link PolicyRequest} against IBM's v1 rules and Latchkey's subset of them, and names the first
 * field that is wrong. It checks shape and vocabulary only; who may write the policy, whether its subject is in
 * the account and whether it duplicates another are {@link PolicyService}'s to check. Stateless.
 */
final class PolicyValidator {
    static final String IAM_ID = "iam_id";
    static final String ACCESS_GROUP_ID = "access_group_id";
    /** IBM's resource attribute vocabulary for v1 access policies. */
    static final Set<String> RESOURCE_ATTRIBUTES = Set.of("accountId", "serviceType", "serviceName",
            "resourceGroupId", "service_group_id", "serviceInstance", "region", "resourceType", "resource",
            "geography", "country", "metro", "satellite");
    /** Besides accountId, a resource names one of these (IBM: "plus one of"). */
    static final List<String> SCOPE_ATTRIBUTES = List.of("serviceName", "serviceType", "resourceGroupId",
            "service_group_id");
    static final Set<String> OPERATORS = Set.of("stringEquals", "stringMatch");
    static final int MAX_VALUE = 1000;
    static final int MAX_DESCRIPTION = 1024;

    /** The parts of a valid request, ready to become a {@link Policy}. */
    record Valid(String type, String subjectIamId, List<String> roleIds, List<Policy.Attribute> attributes,
                 List<Policy.Attribute> tags, String description) {
    }

    private PolicyValidator() {
    }

    static Valid validate(PolicyRequest request, String accountId) {
        String type = type(request.type());
        String subject = subject(request.subjects());
        PolicyRequest.ResourceSpec resource = resource(request.resources(), accountId);
        String service = namedService(resource.attributes());
        List<String> roles = roles(request.roleIds(), service);
        String description = request.description();
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw DomainException.invalid("Field 'description' must be at most " + MAX_DESCRIPTION + " characters.");
        }
        return new Valid(type, subject, roles, resource.attributes(), resource.tags(), description);
    }

    private static String type(String type) {
        if (type == null) {
            throw DomainException.invalid("Field 'type' is required: access.");
        }
        if (type.equals("authorization")) {
            throw DomainException.invalid("Authorization (service-to-service) policies are not supported by Latchkey: "
                    + "field 'type' must be access.");
        }
        if (!type.equals("access")) {
            throw DomainException.invalid("Field 'type' must be access, not '" + abbreviate(type) + "'.");
        }
        return type;
    }

    private static String subject(List<PolicyRequest.Subject> subjects) {
        if (subjects == null) {
            throw DomainException.invalid("Field 'subjects' is required: one subject with the attribute iam_id or "
                    + "access_group_id.");
        }
        if (subjects.size() != 1) {
            throw DomainException.invalid("Field 'subjects' must hold exactly one subject, not " + subjects.size() + ".");
        }
        List<Policy.Attribute> attributes = subjects.getFirst().attributes();
        if (attributes == null || attributes.size() != 1) {
            throw DomainException.invalid("Field 'subjects[0].attributes' must hold exactly one attribute, iam_id or "
                    + "access_group_id.");
        }
        Policy.Attribute attribute = attributes.getFirst();
        String field = "subjects[0].attributes[0]";
        boolean group = ACCESS_GROUP_ID.equals(attribute.name());
        if (!group && !IAM_ID.equals(attribute.name())) {
            throw DomainException.invalid("Field '" + field + ".name' must be iam_id or access_group_id, not '"
                    + abbreviate(String.valueOf(attribute.name())) + "'.");
        }
        if (attribute.operator() != null) {
            throw DomainException.invalid("Field '" + field + "' must not have an operator: v1 subject attributes "
                    + "are a name and a value.");
        }
        requireValue(field + ".value", attribute.value());
        if (group != AccessGroup.isId(attribute.value())) {
            throw DomainException.invalid("Field '" + field + ".value' must be " + (group
                    ? "an access group id (AccessGroupId-…) with the name access_group_id"
                    : "a user's or service ID's IAM id with the name iam_id; an access group is named by "
                    + "access_group_id") + ".");
        }
        return attribute.value();
    }

    private static PolicyRequest.ResourceSpec resource(List<PolicyRequest.ResourceSpec> resources, String accountId) {
        if (resources == null) {
            throw DomainException.invalid("Field 'resources' is required: exactly one resource, with accountId.");
        }
        if (resources.size() != 1) {
            throw DomainException.invalid("Field 'resources' must hold exactly one resource (only one resource is "
                    + "allowed in a policy), not " + resources.size() + ".");
        }
        PolicyRequest.ResourceSpec resource = resources.getFirst();
        List<Policy.Attribute> attributes = resource.attributes();
        if (attributes == null || attributes.isEmpty()) {
            throw DomainException.invalid("Field 'resources[0].attributes' is required and must include accountId.");
        }
        checkAttributes("resources[0].attributes", attributes, RESOURCE_ATTRIBUTES);
        Policy.Attribute account = find(attributes, "accountId");
        if (account == null) {
            throw DomainException.invalid("Field 'resources[0].attributes' must include accountId.");
        }
        if (!account.value().equals(accountId)) {
            throw DomainException.invalid("The resource's accountId must be the account of your access token ("
                    + accountId + "), not '" + abbreviate(account.value()) + "'.");
        }
        if ("stringMatch".equals(account.operator())) {
            throw DomainException.invalid("The resource's accountId must be matched exactly: operator stringEquals "
                    + "or none, not stringMatch.");
        }
        if (SCOPE_ATTRIBUTES.stream().noneMatch(name -> find(attributes, name) != null)) {
            throw DomainException.invalid("Field 'resources[0].attributes' must include one of "
                    + String.join(", ", SCOPE_ATTRIBUTES) + " besides accountId.");
        }
        Policy.Attribute serviceType = find(attributes, "serviceType");
        if (serviceType != null && !Set.of("service", "platform_service").contains(serviceType.value())) {
            throw DomainException.invalid("The resource attribute serviceType must be service or platform_service, "
                    + "not '" + abbreviate(serviceType.value()) + "'.");
        }
        Policy.Attribute group = find(attributes, "service_group_id");
        if (group != null && !group.value().equals("IAM")) {
            throw DomainException.invalid("The resource attribute service_group_id must be IAM (all IAM account "
                    + "management services), the only service group Latchkey knows, not '"
                    + abbreviate(group.value()) + "'.");
        }
        if (resource.tags() != null) {
            checkAttributes("resources[0].tags", resource.tags(), null);
        }
        return resource;
    }

    /** Names from {@code vocabulary} (any, when null), each once, with a value and a known operator. */
    private static void checkAttributes(String field, List<Policy.Attribute> attributes, Set<String> vocabulary) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < attributes.size(); i++) {
            Policy.Attribute attribute = attributes.get(i);
            String at = field + "[" + i + "]";
            if (attribute.name() == null || attribute.name().isBlank()) {
                throw DomainException.invalid("Field '" + at + ".name' is required.");
            }
            if (vocabulary != null && !vocabulary.contains(attribute.name())) {
                throw DomainException.invalid("Field '" + at + ".name' must be one of "
                        + String.join(", ", vocabulary.stream().sorted().toList()) + ", not '"
                        + abbreviate(attribute.name()) + "'.");
            }
            if (attribute.name().length() > MAX_VALUE) {
                throw DomainException.invalid("Field '" + at + ".name' must be at most " + MAX_VALUE + " characters.");
            }
            requireValue(at + ".value", attribute.value());
            if (attribute.operator() != null && !OPERATORS.contains(attribute.operator())) {
                throw DomainException.invalid("Field '" + at + ".operator' must be stringEquals or stringMatch, not '"
                        + abbreviate(attribute.operator()) + "'.");
            }
            if (!seen.add(attribute.name())) {
                throw DomainException.invalid("Field '" + field + "' names '" + abbreviate(attribute.name())
                        + "' twice.");
            }
        }
    }

    private static List<String> roles(List<String> roleIds, String service) {
        if (roleIds == null || roleIds.isEmpty()) {
            throw DomainException.invalid("Field 'roles' is required: at least one role, as {\"role_id\": \"<role CRN>\"}.");
        }
        List<String> roles = new ArrayList<>();
        for (int i = 0; i < roleIds.size(); i++) {
            String roleId = roleIds.get(i);
            String field = "roles[" + i + "].role_id";
            if (roleId == null || roleId.isBlank()) {
                throw DomainException.invalid("Field '" + field + "' is required: a role CRN.");
            }
            if (roles.contains(roleId)) {
                throw DomainException.invalid("Field 'roles' names the role " + roleId + " twice.");
            }
            if (CustomRole.isCrn(roleId)) {
                roles.add(roleId); // PolicyService checks that the account has it, for the policy's service
                continue;
            }
            Role role = Role.fromCrn(roleId).orElseThrow(() -> DomainException.invalid("Field '" + field
                    + "' is not a role Latchkey knows: '" + abbreviate(roleId) + "'. GET /v2/roles lists the role CRNs."));
            if (!role.offeredFor(service)) {
                throw DomainException.invalid("The role " + role.displayName() + " (" + role.crn()
                        + ") cannot be granted on service " + service + "; GET /v2/roles?service_name=" + service
                        + " lists the roles it offers.");
            }
            if (roles.contains(roleId)) {
                throw DomainException.invalid("Field 'roles' names the role " + roleId + " twice.");
            }
            roles.add(roleId);
        }
        return roles;
    }

    /** The service a resource names, whatever its operator; null when it names none. */
    private static String namedService(List<Policy.Attribute> attributes) {
        Policy.Attribute service = find(attributes, "serviceName");
        return service == null ? null : service.value();
    }

    private static Policy.Attribute find(List<Policy.Attribute> attributes, String name) {
        return attributes.stream().filter(a -> name.equals(a.name())).findFirst().orElse(null);
    }

    private static void requireValue(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw DomainException.invalid("Field '" + field + "' is required and must not be empty.");
        }
        if (value.length() > MAX_VALUE) {
            throw DomainException.invalid("Field '" + field + "' must be at most " + MAX_VALUE + " characters.");
        }
    }

    static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
