package dev.latchkey.http.access;

import dev.latchkey.core.access.AccessGroup;
import dev.latchkey.core.access.AccessGroupMember;
import dev.latchkey.core.access.AccessGroupService;
import dev.latchkey.core.access.AccessGroupSettings;
import dev.latchkey.core.access.Subjects;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.http.WireError;
import java.time.Instant;
import java.util.List;

/**
 * IBM IAM Access Groups v2's bodies ({@code Group}, {@code GroupsList}, {@code GroupMembersList}, the 207 answers of
 * member changes, {@code AccountSettings}), as {@code @ibm-cloud/platform-services}' {@code IamAccessGroupsV2}
 * models them. Times are RFC 3339 with milliseconds, as for policies.
 */
final class AccessGroupWire {
    private AccessGroupWire() {
    }

    record Href(String href) {
    }

    /** {@code is_federated} only with {@code show_federated=true}, {@code crn} only with {@code show_crn=true}. */
    record GroupWire(String id, String name, String description, String accountId, String createdAt,
                     String createdById, String lastModifiedAt, String lastModifiedById, String href,
                     Boolean isFederated, String crn) {
        static GroupWire of(AccessGroup g, String base, boolean federated, boolean crn) {
            return new GroupWire(g.id(), g.name(), g.description(), g.accountId(), time(g.createdAt()),
                    g.createdBy(), time(g.modifiedAt()), g.modifiedBy(), base + "/v2/groups/" + g.id(),
                    federated ? Boolean.FALSE : null, crn ? g.crn() : null);
        }
    }

    record GroupsList(int limit, int offset, int totalCount, Href first, Href previous, Href next, Href last,
                      List<GroupWire> groups) {
    }

    /** A member as listed: with {@code verbose=true} its name and its email (a user) or description (a service ID). */
    record MemberWire(String iamId, String type, String membershipType, String name, String email,
                      String description, String href, String createdAt, String createdById) {
        static MemberWire of(AccessGroupService.DescribedMember described, String base) {
            AccessGroupMember m = described.member();
            Subjects.Description d = described.description();
            String href = m.type() == AccessGroupMember.Type.SERVICE
                    ? base + "/v1/serviceids/" + dev.latchkey.core.common.IamIds.serviceIdOf(m.iamId())
                    : base + "/v2/accounts/" + m.accountId() + "/users/" + m.iamId();
            return new MemberWire(m.iamId(), m.type().wire(), "static", d == null ? null : d.name(),
                    d == null ? null : d.email(), d == null ? null : d.description(), href, time(m.createdAt()),
                    m.createdBy());
        }
    }

    record MembersList(int limit, int offset, int totalCount, Href first, Href previous, Href next, Href last,
                       List<MemberWire> members) {
    }

    /** One IBM error of a multi-status item: {@code code} and {@code message}. */
    record ItemError(String code, String message) {
        static List<ItemError> of(DomainException refusal) {
            return refusal == null ? null
                    : List.of(new ItemError(WireError.of(refusal.errorCode()).code(), refusal.getMessage()));
        }
    }

    /** An outcome of adding a member: 200 with the membership, or the refusal's status and error. */
    record AddedMember(String iamId, String type, String createdAt, String createdById, int statusCode,
                       String trace, List<ItemError> errors) {
        static AddedMember of(AccessGroupService.Outcome o, String trace) {
            AccessGroupMember m = o.member();
            return new AddedMember(o.iamId(), o.type() == null ? null : o.type().wire(),
                    m == null ? null : time(m.createdAt()), m == null ? null : m.createdBy(), status(o, 200),
                    o.succeeded() ? null : trace, ItemError.of(o.refusal()));
        }
    }

    record AddedMembers(List<AddedMember> members) {
    }

    /** An outcome for one member or one group: 204 (removed) or 200 (added), or the refusal's status and error. */
    record GroupItem(String accessGroupId, String iamId, int statusCode, String trace, List<ItemError> errors) {
        static GroupItem of(AccessGroupService.Outcome o, int success, String trace, boolean byGroup) {
            return new GroupItem(byGroup ? o.groupId() : null, byGroup ? null : o.iamId(), status(o, success),
                    o.succeeded() ? null : trace, ItemError.of(o.refusal()));
        }
    }

    /** {@code DeleteGroupBulkMembersResponse}: the group and one item per iam_id. */
    record RemovedMembers(String accessGroupId, List<GroupItem> members) {
    }

    /** {@code AddMembershipMultipleGroupsResponse} and {@code DeleteFromAllGroupsResponse}. */
    record MemberGroups(String iamId, List<GroupItem> groups) {
    }

    record SettingsWire(String accountId, String lastModifiedAt, String lastModifiedById,
                        boolean publicAccessEnabled) {
        static SettingsWire of(AccessGroupSettings s) {
            return new SettingsWire(s.accountId(), time(s.modifiedAt()), s.modifiedBy(), s.publicAccessEnabled());
        }
    }

    private static int status(AccessGroupService.Outcome o, int success) {
        return o.succeeded() ? success : WireError.of(o.refusal().errorCode()).status();
    }

    static String time(Instant instant) {
        return PolicyWire.time(instant);
    }
}
