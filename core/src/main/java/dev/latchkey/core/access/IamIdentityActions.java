package dev.latchkey.core.access;

/**
 * IBM's actions on a service ID of the IAM Identity service, which service IDs, their API keys and their service
 * credentials are all checked against (on {@link Resource#serviceId}).
 */
public final class IamIdentityActions {
    public static final String SERVICE_ID_GET = "iam-identity.serviceid.get";
    public static final String SERVICE_ID_UPDATE = "iam-identity.serviceid.update";
    public static final String SERVICE_ID_DELETE = "iam-identity.serviceid.delete";

    private IamIdentityActions() {
    }
}
