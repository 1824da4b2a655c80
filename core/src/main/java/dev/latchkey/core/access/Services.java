package dev.latchkey.core.access;

import java.util.List;

/**
 * The services Latchkey itself provides (the IAM platform services of {@link AccessDecider#IAM_SERVICES}) with the
 * display names IBM's console shows for them; access can also be assigned on any other service by its name.
 */
public final class Services {
    /** A service's name, as policies and CRNs carry it, and its display name. */
    public record Service(String name, String displayName) {
    }

    /** The built-in services, in the order a person picks from. */
    public static final List<Service> BUILT_IN = List.of(
            new Service(Policy.IAM_IDENTITY, "IAM Identity Service"),
            new Service(AccessDecider.ACCESS_MANAGEMENT, "IAM Access Management"),
            new Service("iam-groups", "IAM Access Groups Service"),
            new Service("user-management", "User Management"),
            new Service("iam-audit", "IAM Audit Log"));

    private Services() {
    }

    /** The display name of a built-in service; any other service's own name. */
    public static String displayName(String name) {
        return BUILT_IN.stream().filter(s -> s.name().equals(name)).map(Service::displayName).findFirst()
                .orElse(name);
    }
}
