package dev.latchkey.core.access;

import dev.latchkey.core.common.DomainException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a {@link PolicyRequest} against IBM's v1 or v2 rules and Latchkey's subset of them, and names the first
 * field that is wrong, as the API the request came through spells it ({@code subjects[0]…} in v1,
 * {@code subject…} in v2). v2 adds operators ({@code stringExists}, {@code stringEqualsAnyOf},
 * {@code stringMatchAnyOf}) and time-based conditions ({@link Conditions}). It checks shape and vocabulary only; who may write the policy, whether its subject is in
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
    static final Set<String> V2_OPERATORS = Set.of("stringEquals", "stringMatch", "stringExists", "stringEqualsAnyOf",
            "stringMatchAnyOf");
    static final int MAX_LIST = 100;
    /** What a list value may take as stored text (a JSON array): the store's column. */
    static final int MAX_LIST_TEXT = 8000;
    static final int MAX_VALUE = 1000;
    static final int MAX_DESCRIPTION = 1024;

    /** The parts of a valid request, ready to become a {@link Policy}. */
    record Valid(String type, String subjectIamId, List<String> roleIds, List<Policy.Attribute> attributes,
                 List<Policy.Attribute> tags, String description, String pattern, Policy.Rule rule) {
    }

    /** How the request's API names the fields: v1's arrays of one, v2's single objects. */
    private record Fields(String subjects, String subject, String resources, String resource, String roles) {
        static Fields of(PolicyRequest.Api api) {
            return api == PolicyRequest.Api.V1 ? new Fields("subjects", "subjects[0]", "resources", "resources[0]",
                    "roles") : new Fields("subject", "subject", "resource", "resource", "control.grant.roles");
        }
    }

    private PolicyValidator() {
    }

    static Valid validate(PolicyRequest request, String accountId) {
        Fields fields = Fields.of(request.api());
        boolean v2 = request.api() == PolicyRequest.Api.V2;
        String type = type(request.type());
        String subject = subject(request.subjects(), fields, v2);
        PolicyRequest.ResourceSpec resource = resource(request.resources(), accountId, fields, v2);
        String service = namedService(resource.attributes());
        List<String> roles = roles(request.roleIds(), service, fields.roles());
        if (!v2 && (request.pattern() != null || request.rule() != null)) {
            throw DomainException.invalid("Conditions (pattern and rule) are written through /v2/policies.");
        }
        Conditions.validate(request.pattern(), request.rule());
        String description = request.description();
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw DomainException.invalid("Field 'description' must be at most " + MAX_DESCRIPTION + " characters.");
        }
        return new Valid(type, subject, roles, resource.attributes(), resource.tags(), description, request.pattern(),
                request.rule());
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

    private static String subject(List<PolicyRequest.Subject> subjects, Fields fields, boolean v2) {
        if (subjects == null) {
            throw DomainException.invalid("Field '" + fields.subjects() + "' is required: one subject with the "
                    + "attribute iam_id or access_group_id.");
        }
        if (subjects.size() != 1) {
            throw DomainException.invalid("Field 'subjects' must hold exactly one subject, not " + subjects.size() + ".");
        }
        List<Policy.Attribute> attributes = subjects.getFirst().attributes();
        if (attributes == null || attributes.size() != 1) {
            throw DomainException.invalid("Field '" + fields.subject() + ".attributes' must hold exactly one "
                    + "attribute, iam_id or access_group_id.");
        }
        Policy.Attribute attribute = attributes.getFirst();
        String field = fields.subject() + ".attributes[0]";
        if (v2 && !"stringEquals".equals(attribute.operator())) {
            throw DomainException.invalid("Field '" + field + ".operator' must be stringEquals.");
        }
        if (v2) {
            attribute = new Policy.Attribute(attribute.name(), attribute.value(), null);
        }
        boolean group = ACCESS_GROUP_ID.equals(attribute.name());
        if (!group && !IAM_ID.equals(attribute.name())) {
            throw DomainException.invalid("Field '" + field + (v2 ? ".key" : ".name")
                    + "' must be iam_id or access_group_id, not '"
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

    private static PolicyRequest.ResourceSpec resource(List<PolicyRequest.ResourceSpec> resources, String accountId,
                                                       Fields fields, boolean v2) {
        if (resources == null) {
            throw DomainException.invalid("Field '" + fields.resources() + "' is required: exactly one resource, with "
                    + "accountId.");
        }
        if (resources.size() != 1) {
            throw DomainException.invalid("Field 'resources' must hold exactly one resource (only one resource is "
                    + "allowed in a policy), not " + resources.size() + ".");
        }
        PolicyRequest.ResourceSpec resource = resources.getFirst();
        List<Policy.Attribute> attributes = resource.attributes();
        String at = fields.resource() + ".attributes";
        if (attributes == null || attributes.isEmpty()) {
            throw DomainException.invalid("Field '" + at + "' is required and must include accountId.");
        }
        checkAttributes(at, attributes, RESOURCE_ATTRIBUTES, v2 ? V2_OPERATORS : OPERATORS);
        Policy.Attribute account = find(attributes, "accountId");
        if (account == null) {
            throw DomainException.invalid("Field '" + at + "' must include accountId.");
        }
        if (!account.value().equals(accountId)) {
            throw DomainException.invalid("The resource's accountId must be the account of your access token ("
                    + accountId + "), not '" + abbreviate(account.value()) + "'.");
        }
        if (account.operator() != null && !account.operator().equals("stringEquals")) {
            throw DomainException.invalid("The resource's accountId must be matched exactly: operator stringEquals"
                    + (v2 ? "" : " or none") + ", not " + abbreviate(account.operator()) + ".");
        }
        if (SCOPE_ATTRIBUTES.stream().noneMatch(name -> find(attributes, name) != null)) {
            throw DomainException.invalid("Field '" + at + "' must include one of "
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
            checkAttributes(fields.resource() + ".tags", resource.tags(), null, OPERATORS);
        }
        return resource;
    }

    /** Names from {@code vocabulary} (any, when null), each once, with a value and one of {@code operators}. */
    private static void checkAttributes(String field, List<Policy.Attribute> attributes, Set<String> vocabulary,
                                        Set<String> operators) {
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
            if (attribute.operator() != null && !operators.contains(attribute.operator())) {
                throw DomainException.invalid("Field '" + at + ".operator' must be " + String.join(" or ",
                        operators.stream().sorted().toList()) + ", not '" + abbreviate(attribute.operator()) + "'.");
            }
            checkValueShape(at + ".value", attribute);
            if (!seen.add(attribute.name())) {
                throw DomainException.invalid("Field '" + field + "' names '" + abbreviate(attribute.name())
                        + "' twice.");
            }
        }
    }

    /** A list operator's value is a list of 1 to {@value #MAX_LIST} strings; stringExists's is true or false. */
    private static void checkValueShape(String field, Policy.Attribute attribute) {
        if (AttributeValues.isBoolean(attribute.operator())) {
            if (!attribute.value().equals("true") && !attribute.value().equals("false")) {
                throw DomainException.invalid("Field '" + field + "' must be true or false with stringExists.");
            }
        } else if (AttributeValues.isList(attribute.operator())) {
            List<String> values;
            try {
                values = AttributeValues.decode(attribute.value());
            } catch (RuntimeException e) {
                throw DomainException.invalid("Field '" + field + "' must be a list of strings with "
                        + attribute.operator() + ".");
            }
            if (values.isEmpty() || values.size() > MAX_LIST || values.stream().anyMatch(v -> v.isEmpty()
                    || v.length() > MAX_VALUE) || attribute.value().length() > MAX_LIST_TEXT) {
                throw DomainException.invalid("Field '" + field + "' must hold 1 to " + MAX_LIST + " strings of 1 to "
                        + MAX_VALUE + " characters, " + MAX_LIST_TEXT + " characters in all.");
            }
        }
    }

    private static List<String> roles(List<String> roleIds, String service, String rolesField) {
        if (roleIds == null || roleIds.isEmpty()) {
            throw DomainException.invalid("Field '" + rolesField + "' is required: at least one role, as "
                    + "{\"role_id\": \"<role CRN>\"}.");
        }
        List<String> roles = new ArrayList<>();
        for (int i = 0; i < roleIds.size(); i++) {
            String roleId = roleIds.get(i);
            String field = rolesField + "[" + i + "].role_id";
            if (roleId == null || roleId.isBlank()) {
                throw DomainException.invalid("Field '" + field + "' is required: a role CRN.");
            }
            if (roles.contains(roleId)) {
                throw DomainException.invalid("Field '" + rolesField + "' names the role " + roleId + " twice.");
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
