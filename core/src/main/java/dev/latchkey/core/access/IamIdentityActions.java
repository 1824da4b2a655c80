package dev.latchkey.core.access;

/**
 * IBM's actions on a service ID of the IAM Identity service, which service IDs, their API keys and their service
 * credentials are all checked against (on {@link Resource#serviceId}); and the actions on a service ID group
 * (inferred names, docs/decisions/0043-service-id-groups.md).
 */
public final class IamIdentityActions {
    public static final String SERVICE_ID_GET = "iam-identity.serviceid.get";
    public static final String SERVICE_ID_UPDATE = "iam-identity.serviceid.update";
    public static final String SERVICE_ID_DELETE = "iam-identity.serviceid.delete";
    public static final String SERVICE_ID_GROUP_GET = "iam-identity.serviceidgroup.get";
    public static final String SERVICE_ID_GROUP_LIST = "iam-identity.serviceidgroup.list";
    public static final String SERVICE_ID_GROUP_CREATE = "iam-identity.serviceidgroup.create";
    public static final String SERVICE_ID_GROUP_UPDATE = "iam-identity.serviceidgroup.update";
    public static final String SERVICE_ID_GROUP_DELETE = "iam-identity.serviceidgroup.delete";

    private IamIdentityActions() {
    }
}
