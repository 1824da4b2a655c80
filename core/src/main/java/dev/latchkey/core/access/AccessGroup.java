package dev.latchkey.core.access;

import java.time.Instant;

/**
 * An access group of IBM IAM Access Groups v2: a named set of users and service IDs of one account. Policies may
 * name a group as their subject ({@code access_group_id}); a member holds what the group's policies grant, read at
 * decision time (docs/decisions/0042-access-groups.md). Its id is {@code AccessGroupId-<uuid>}, which is also how a
 * policy's subject is told apart from an IAM id. Immutable.
 */
public record AccessGroup(String id, String accountId, String name, String description, Instant createdAt,
                          String createdBy, Instant modifiedAt, String modifiedBy, long version) {

    /** The IAM service of access groups: the actions on groups, members and their settings are on it. */
    public static final String SERVICE = "iam-groups";
    public static final String ID_PREFIX = "AccessGroupId-";

    /** Whether {@code id} has the shape of an access group's id (a policy subject that is a group). */
    public static boolean isId(String id) {
        return id != null && id.startsWith(ID_PREFIX);
    }

    /** What decisions about this group are made on: {@code iam-groups}, resource type {@code group}. */
    public Resource resource() {
        return Resource.of(accountId, SERVICE, "group", id);
    }

    /** IBM's CRN of the group ({@code show_crn=true}). */
    public String crn() {
        return "crn:v1:bluemix:public:" + SERVICE + "::a/" + accountId + "::group:" + id;
    }

    AccessGroup renamed(String newName, String newDescription, Instant at, String by) {
        return new AccessGroup(id, accountId, newName, newDescription, createdAt, createdBy, at, by, version + 1);
    }
}
