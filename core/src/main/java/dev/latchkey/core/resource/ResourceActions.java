package dev.latchkey.core.resource;

/**
 * The platform actions on service instances and resource keys (IBM's names), decided on the instance (or, for
 * create, on its service in its resource group). {@link dev.latchkey.core.access.Role} grants them to the system
 * roles only: Viewer and Operator retrieve; Editor does everything here but the plan catalogue; Administrator
 * too, plus the plan catalogue and assigning access. No service role holds them, so a credential's own Manager or
 * Writer role cannot manage instances or read other credentials (docs/decisions/0009-service-credentials.md).
 */
public final class ResourceActions {
    public static final String INSTANCE_CREATE = "resource-controller.instance.create";
    /** Get and list; Viewer and up. */
    public static final String INSTANCE_RETRIEVE = "resource-controller.instance.retrieve";
    /** Rename, lock and unlock. */
    public static final String INSTANCE_UPDATE = "resource-controller.instance.update";
    public static final String INSTANCE_DELETE = "resource-controller.instance.delete";
    public static final String KEY_CREATE = "resource-controller.key.create";
    /** A key's metadata; its credentials need {@link #CREDENTIAL_RETRIEVE} as well. */
    public static final String KEY_RETRIEVE = "resource-controller.key.retrieve";
    public static final String KEY_UPDATE = "resource-controller.key.update";
    public static final String KEY_DELETE = "resource-controller.key.delete";
    /** Seeing a key's credentials (its API key value); Editor and Administrator. */
    public static final String CREDENTIAL_RETRIEVE = "resource-controller.credential.retrieve_all";
    /**
     * Registering a plan of a service in the account's catalogue, and deleting one (Latchkey's own actions,
     * docs/decisions/0045-plan-catalogue.md): Administrator only, whose {@code resource-controller.*} holds them.
     */
    public static final String PLAN_CREATE = "resource-controller.plan.create";
    public static final String PLAN_DELETE = "resource-controller.plan.delete";

    private ResourceActions() {
    }
}
