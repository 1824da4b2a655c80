package dev.latchkey.http.access;

import dev.latchkey.core.access.AccessGroup;
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
                  String lastModifiedAt, String lastModifiedById, String state) {

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

    /** {@code customRoles}: the custom role a role CRN names in the policy's account, for its display name. */
    static PolicyWire of(Policy p, String publicUrl, Function<String, Optional<CustomRole>> customRoles) {
        return new PolicyWire(p.id(), p.type(), p.description(),
                List.of(new SubjectWire(List.of(new SubjectAttributeWire(AccessGroup.isId(p.subjectIamId())
                        ? "access_group_id" : "iam_id", p.subjectIamId())))),
                p.roleIds().stream().map(roleId -> RoleWire.of(roleId, customRoles)).toList(),
                List.of(new ResourceWire(AttributeWire.of(p.resourceAttributes()), AttributeWire.of(p.resourceTags()))),
                publicUrl + "/v1/policies/" + p.id(), time(p.createdAt()), p.createdBy(), time(p.modifiedAt()),
                p.modifiedBy(), p.state());
    }

    static String time(Instant instant) {
        return instant == null ? null : TIME.format(instant);
    }
}
