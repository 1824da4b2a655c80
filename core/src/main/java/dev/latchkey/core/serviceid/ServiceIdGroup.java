package dev.latchkey.core.serviceid;

import dev.latchkey.core.access.Policy;
import dev.latchkey.core.access.Resource;
import java.time.Instant;

/**
 * A service ID group as stored: a named set of service IDs of one account (IBM's {@code ServiceIdGroup}). A
 * service ID names its group ({@link ServiceId#groupId}); the group holds no list of its own. Names are unique in
 * the account. {@code version} counts writes and drives the entity tag. Immutable.
 *
 * @param createdBy the IAM id that created it, as IBM's {@code created_by}
 */
public record ServiceIdGroup(String id, String accountId, String name, String description, Instant createdAt,
                             String createdBy, Instant modifiedAt, long version) {

    public static final String ID_PREFIX = "ServiceIdGroup-";
    /** The resource type of a group in access decisions and in its CRN. */
    public static final String RESOURCE_TYPE = "serviceidgroup";

    /** What access decisions about this group are made on. */
    public Resource resource() {
        return Resource.of(accountId, Policy.IAM_IDENTITY, RESOURCE_TYPE, id);
    }

    public String crn() {
        return "crn:v1:bluemix:public:iam-identity::a/" + accountId + "::" + RESOURCE_TYPE + ":" + id;
    }

    public ServiceIdGroup withDetails(String newName, String newDescription, Instant now) {
        return new ServiceIdGroup(id, accountId, newName, newDescription, createdAt, createdBy, now, version + 1);
    }
}
