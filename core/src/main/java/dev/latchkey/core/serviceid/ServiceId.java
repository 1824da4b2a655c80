package dev.latchkey.core.serviceid;

import dev.latchkey.core.access.Resource;
import java.time.Instant;
import java.util.List;

/**
 * A service ID as stored: an identity an application uses, owned by one account. Its IAM id is
 * {@code iam-} plus its id. {@code version} counts writes and drives the entity tag. Immutable; "with" methods
 * return changed copies.
 *
 * @param uniqueInstanceCrns never null; empty when none were given
 * @param createdBy          the IAM id that created it (kept for history; IBM's wire shape has no such field)
 * @param groupId            the {@link ServiceIdGroup} it belongs to, or null for the account's default group
 */
public record ServiceId(String id, String iamId, String accountId, String name, String description,
                        List<String> uniqueInstanceCrns, boolean locked, Instant createdAt, Instant modifiedAt,
                        String createdBy, long version, String groupId) {

    public static final String ID_PREFIX = "ServiceId-";

    public ServiceId {
        uniqueInstanceCrns = uniqueInstanceCrns == null ? List.of() : List.copyOf(uniqueInstanceCrns);
    }

    /** A service ID in the account's default group (no group). */
    public ServiceId(String id, String iamId, String accountId, String name, String description,
                     List<String> uniqueInstanceCrns, boolean locked, Instant createdAt, Instant modifiedAt,
                     String createdBy, long version) {
        this(id, iamId, accountId, name, description, uniqueInstanceCrns, locked, createdAt, modifiedAt, createdBy,
                version, null);
    }

    public Resource resource() {
        return Resource.serviceId(accountId, id);
    }

    public String crn() {
        return "crn:v1:bluemix:public:iam-identity::a/" + accountId + "::serviceid:" + id;
    }

    public ServiceId withDetails(String newName, String newDescription, List<String> newCrns, Instant now) {
        return withDetails(newName, newDescription, newCrns, groupId, now);
    }

    /** {@code newGroupId}: the group it is to belong to, or null for the default group. */
    public ServiceId withDetails(String newName, String newDescription, List<String> newCrns, String newGroupId,
                                 Instant now) {
        return new ServiceId(id, iamId, accountId, newName, newDescription, newCrns, locked, createdAt, now,
                createdBy, version + 1, newGroupId);
    }

    public ServiceId withLocked(boolean value, Instant now) {
        return new ServiceId(id, iamId, accountId, name, description, uniqueInstanceCrns, value, createdAt, now,
                createdBy, version + 1, groupId);
    }
}
