package dev.latchkey.core.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The concrete actions Latchkey knows, per service: what a role's patterns expand to in role listings and in
 * the {@code obligation.actions} of an authorization decision. A service missing here still works (decisions
 * match patterns); only its listings show patterns instead of actions. Extend it when a feature adds actions.
 */
final class ServiceActions {
    /** Assigning access on a service (IBM's platform actions on every service); Administrator holds them. */
    static final List<String> PLATFORM = List.of("iam.policy.read", "iam.policy.create", "iam.policy.update",
            "iam.policy.delete");

    /**
     * The platform actions on a service's instances and their credentials (resource keys), IBM's names; they
     * apply on every service that can have instances, i.e. not on the IAM services.
     */
    static final List<String> RESOURCE_CONTROLLER = List.of("resource-controller.instance.create",
            "resource-controller.instance.retrieve", "resource-controller.instance.update",
            "resource-controller.instance.delete", "resource-controller.key.create", "resource-controller.key.retrieve",
            "resource-controller.key.update", "resource-controller.key.delete",
            "resource-controller.credential.retrieve_all",
            // the account's plan catalogue (decision 0045): Administrator only
            "resource-controller.plan.create", "resource-controller.plan.delete");

    private static final Map<String, List<String>> KNOWN = Map.of(
            // IBM's published IAM Identity actions ("IAM roles and actions"), minus identity providers.
            "iam-identity", List.of("iam-identity.serviceid.get", "iam-identity.serviceid.list",
                    "iam-identity.serviceid.create", "iam-identity.serviceid.update", "iam-identity.serviceid.delete",
                    "iam-identity.apikey.get", "iam-identity.apikey.list", "iam-identity.apikey.create",
                    "iam-identity.apikey.update", "iam-identity.apikey.delete", "iam-identity.apikey.manage",
                    "iam-identity.account.get", "iam-identity.account.update",
                    // service ID groups: names inferred (decision 0043)
                    "iam-identity.serviceidgroup.get", "iam-identity.serviceidgroup.list",
                    "iam-identity.serviceidgroup.create", "iam-identity.serviceidgroup.update",
                    "iam-identity.serviceidgroup.delete"),
            "iam-access-management", List.of("iam-access-management.policy.read",
                    "iam-access-management.policy.create", "iam-access-management.policy.update",
                    "iam-access-management.policy.delete", "iam-access-management.settings.read",
                    "iam-access-management.settings.update", "iam-access-management.role.create",
                    "iam-access-management.role.update", "iam-access-management.role.delete"),
            "user-management", List.of("user-management.user.read", "user-management.user.update"),
            // Latchkey's audit log (decision 0031): reading it; Viewer and up hold it through {service}.*.list
            "iam-audit", List.of("iam-audit.event.list"),
            // IAM Access Groups (decision 0042; the names are inferred from IBM's, which IBM does not list in full)
            "iam-groups", List.of("iam-groups.groups.create", "iam-groups.groups.read", "iam-groups.groups.update",
                    "iam-groups.groups.delete", "iam-groups.members.read", "iam-groups.members.add",
                    "iam-groups.members.delete", "iam-groups.account-settings.read",
                    "iam-groups.account-settings.update"));

    private ServiceActions() {
    }

    /** The platform actions that exist on {@code service}: assigning access, and instances unless an IAM service. */
    static List<String> platform(String service) {
        if (service == null || AccessDecider.IAM_SERVICES.contains(service)) {
            return PLATFORM;
        }
        List<String> all = new ArrayList<>(PLATFORM);
        all.addAll(RESOURCE_CONTROLLER);
        return all;
    }

    /** The known actions of {@code service}, or an empty list (also for null). */
    static List<String> of(String service) {
        return service == null ? List.of() : KNOWN.getOrDefault(service, List.of());
    }
}
