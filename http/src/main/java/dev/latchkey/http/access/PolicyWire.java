package dev.latchkey.http.access;

import dev.latchkey.core.access.AccessGroup;
import dev.latchkey.core.access.AttributeValues;
import dev.latchkey.core.access.CustomRole;
import dev.latchkey.core.access.Policy;
import dev.latchkey.core.access.Role;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * IBM's v1 {@code Policy} body (reference §2.2). Subjects, resources and tags echo what was sent, operators
 * included and nothing added: IBM's SDK tests compare them as serialized JSON. No {@code entity_tag}: the
 * revision travels only in the {@code ETag} header. Times are RFC 3339 with milliseconds, as IBM writes them.
 */
record PolicyWire(String id, String type, String description, List<SubjectWire> subjects, List<RoleWire> roles,
                  List<ResourceWire> resources, String href, String createdAt, String createdById,
                  String lastModifiedAt, String lastModifiedById, String state, List<WarningWire> warnings) {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** A subject attribute has no operator in v1. */
    record SubjectAttributeWire(String name, String value) {
    }

    record SubjectWire(List<SubjectAttributeWire> attributes) {
    }

    /** {@code operator} is left out when the client sent none. */
    record AttributeWire(String name, String value, String operator) {
        static List<AttributeWire> of(List<Policy.Attribute> attributes) {
            return attributes == null ? null
                    : attributes.stream().map(a -> new AttributeWire(a.name(), a.value(), a.operator())).toList();
        }
    }

    /** {@code tags} is left out unless the client sent it. */
    record ResourceWire(List<AttributeWire> attributes, List<AttributeWire> tags) {
    }

    record RoleWire(String roleId, String displayName, String description) {
        static RoleWire of(String roleId, Function<String, Optional<CustomRole>> customRoles) {
            return Role.fromCrn(roleId).map(r -> new RoleWire(roleId, r.displayName(), r.description()))
                    .or(() -> customRoles.apply(roleId).map(r -> new RoleWire(roleId, r.displayName(),
                            r.description())))
                    .orElse(new RoleWire(roleId, null, null));
        }
    }

    record Link(String href) {
    }

    record Cursor(String href, String start) {
    }

    /** IBM's {@code PolicyCollection}: {@code next} and {@code previous} are left out at the ends. */
    record CollectionWire(int limit, Link first, Cursor next, Cursor previous, List<PolicyWire> policies) {
    }

    /**
     * Latchkey's addition beside a policy whose subject is not (yet) a member, service ID or access group of the
     * account: the policy is kept but grants nothing until it is (decision 0047). Absent otherwise.
     */
    record WarningWire(String code, String message) {
        static List<WarningWire> of(Policy p, boolean subjectIsMember) {
            return subjectIsMember ? null : List.of(new WarningWire("subject_not_a_member", "The subject "
                    + p.subjectIamId() + " is not a member of account " + p.accountId() + ": this policy grants "
                    + "nothing until it is."));
        }
    }

    /** IBM's v2 {@code Policy}. */
    record V2(String id, String type, String description, V2Subject subject, V2Resource resource, String pattern,
              V2Rule rule, V2Control control, String href, String createdAt, String createdById,
              String lastModifiedAt, String lastModifiedById, String state, List<WarningWire> warnings) {

        static V2 of(Policy p, String publicUrl, Function<String, Optional<CustomRole>> customRoles,
                     boolean subjectIsMember) {
            String subjectKey = AccessGroup.isId(p.subjectIamId()) ? "access_group_id" : "iam_id";
            return new V2(p.id(), p.type(), p.description(),
                    new V2Subject(List.of(new V2Attribute(subjectKey, "stringEquals", p.subjectIamId()))),
                    new V2Resource(V2Attribute.of(p.resourceAttributes()), V2Attribute.of(p.resourceTags())),
                    p.pattern(), V2Rule.of(p.rule()),
                    new V2Control(new V2Grant(p.roleIds().stream().map(r -> RoleWire.of(r, customRoles)).toList())),
                    publicUrl + "/v2/policies/" + p.id(), time(p.createdAt()), p.createdBy(), time(p.modifiedAt()),
                    p.modifiedBy(), p.state(), WarningWire.of(p, subjectIsMember));
        }
    }

    record V2Subject(List<V2Attribute> attributes) {
    }

    /** {@code tags} is left out unless the client sent it. */
    record V2Resource(List<V2Attribute> attributes, List<V2Attribute> tags) {
    }

    /** An attribute with its operator ({@code stringEquals} when none was sent) and its value as a JSON value. */
    record V2Attribute(String key, String operator, Object value) {
        static List<V2Attribute> of(List<Policy.Attribute> attributes) {
            return attributes == null ? null : attributes.stream().map(a -> new V2Attribute(a.name(),
                    a.operator() == null ? "stringEquals" : a.operator(), jsonValue(a.operator(), a.value()))).toList();
        }
    }

    /** A condition ({@code key}, {@code operator}, {@code value}) or a group ({@code operator}, {@code conditions}). */
    record V2Rule(String key, String operator, Object value, List<V2Rule> conditions) {
        static V2Rule of(Policy.Rule rule) {
            if (rule == null) {
                return null;
            }
            return rule.isGroup() ? new V2Rule(null, rule.operator(), null,
                    rule.conditions().stream().map(V2Rule::of).toList())
                    : new V2Rule(rule.key(), rule.operator(), jsonValue(rule.operator(), rule.value()), null);
        }
    }

    record V2Control(V2Grant grant) {
    }

    record V2Grant(List<RoleWire> roles) {
    }

    /** IBM's {@code V2PolicyCollection}. */
    record V2CollectionWire(int limit, Link first, Cursor next, Cursor previous, List<V2> policies) {
    }

    /** A stored value as the JSON value it was sent as: a list, a boolean, or a string. */
    private static Object jsonValue(String operator, String value) {
        if (AttributeValues.isList(operator)) {
            return AttributeValues.decode(value);
        }
        if (AttributeValues.isBoolean(operator)) {
            return Boolean.valueOf(value);
        }
        return value;
    }

    /** {@code customRoles}: the custom role a role CRN names in the policy's account, for its display name. */
    static PolicyWire of(Policy p, String publicUrl, Function<String, Optional<CustomRole>> customRoles,
                         boolean subjectIsMember) {
        return new PolicyWire(p.id(), p.type(), p.description(),
                List.of(new SubjectWire(List.of(new SubjectAttributeWire(AccessGroup.isId(p.subjectIamId())
                        ? "access_group_id" : "iam_id", p.subjectIamId())))),
                p.roleIds().stream().map(roleId -> RoleWire.of(roleId, customRoles)).toList(),
                List.of(new ResourceWire(AttributeWire.of(p.resourceAttributes()), AttributeWire.of(p.resourceTags()))),
                publicUrl + "/v1/policies/" + p.id(), time(p.createdAt()), p.createdBy(), time(p.modifiedAt()),
                p.modifiedBy(), p.state(), WarningWire.of(p, subjectIsMember));
    }

    static String time(Instant instant) {
        return instant == null ? null : TIME.format(instant);
    }
}
