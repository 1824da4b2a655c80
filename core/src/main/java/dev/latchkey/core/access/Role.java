package dev.latchkey.core.access;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The roles Latchkey knows, with IBM's role CRNs. A role grants action patterns ({@code *} matches any run of
 * characters) on the service a policy names; {@code {service}} in a pattern stands for that service's name.
 * The IAM Identity actions follow IBM's published table; other services get Reader/Writer/Manager-style verbs.
 * {@code iam.policy.*} is the platform action of assigning access on a service: only Administrator holds it
 * (docs/decisions/0006-policies-and-decisions.md). {@code resource-controller.*} are the platform actions on
 * service instances and their credentials (IBM's names), held by the system roles only, so that no service role
 * (Manager's {@code {service}.*} included) manages instances or reads credentials
 * (docs/decisions/0009-service-credentials.md).
 */
public enum Role {
    VIEWER("crn:v1:bluemix:public:iam::::role:Viewer", "Viewer", Kind.SYSTEM,
            "As a viewer, you can view service instances and identities, but you can't modify them.",
            Set.of("iam-identity.serviceid.get", "iam-identity.serviceid.list",
                    "iam-identity.serviceidgroup.get", "iam-identity.serviceidgroup.list",
                    "user-management.user.read", "iam-access-management.policy.read", "iam-audit.event.list",
                    "{service}.*.view", "{service}.*.get", "{service}.*.list",
                    "resource-controller.instance.retrieve", "resource-controller.key.retrieve",
                    "iam-access-management.settings.read", "iam-groups.groups.read", "iam-groups.members.read",
                    "iam-groups.account-settings.read")),
    OPERATOR("crn:v1:bluemix:public:iam::::role:Operator", "Operator", Kind.SYSTEM,
            "As an operator, you can perform platform actions required to configure and operate service instances.",
            Set.of("iam-identity.serviceid.*", "iam-identity.apikey.get", "iam-identity.apikey.list",
                    "iam-identity.serviceidgroup.*",
                    "iam-identity.apikey.update", "iam-identity.apikey.create", "iam-identity.apikey.delete",
                    "iam-identity.account.get", "iam-identity.account.update",
                    "user-management.user.read", "iam-access-management.policy.read", "iam-audit.event.list",
                    "{service}.*.view", "{service}.*.get", "{service}.*.list", "{service}.*.operate",
                    "resource-controller.instance.retrieve", "resource-controller.key.retrieve",
                    "iam-access-management.settings.read", "iam-groups.groups.read", "iam-groups.members.read",
                    "iam-groups.account-settings.read")),
    EDITOR("crn:v1:bluemix:public:iam::::role:Editor", "Editor", Kind.SYSTEM,
            "As an editor, you can perform all platform actions except for managing the account and assigning access policies.",
            Set.of("iam-identity.serviceid.get", "iam-identity.serviceid.list", "iam-identity.serviceid.update",
                    "iam-identity.serviceidgroup.get", "iam-identity.serviceidgroup.list",
                    "iam-identity.serviceidgroup.create", "iam-identity.serviceidgroup.update",
                    "iam-identity.apikey.get", "iam-identity.apikey.list", "iam-identity.apikey.update",
                    "iam-identity.account.get", "iam-identity.account.update",
                    "user-management.user.*", "iam-access-management.policy.read", "iam-audit.event.list",
                    "{service}.*.view", "{service}.*.get", "{service}.*.list", "{service}.*.operate",
                    "{service}.*.edit", "resource-controller.instance.*", "resource-controller.key.*",
                    "resource-controller.credential.*", "iam-access-management.settings.read",
                    "iam-groups.groups.*", "iam-groups.members.*", "iam-groups.account-settings.read")),
    ADMINISTRATOR("crn:v1:bluemix:public:iam::::role:Administrator", "Administrator", Kind.SYSTEM,
            "As an administrator, you can perform all platform actions based on the resource this role is being "
                    + "assigned, including assigning access policies to other users.",
            Set.of("{service}.*", "iam.policy.*", "resource-controller.*")),
    READER("crn:v1:bluemix:public:iam::::serviceRole:Reader", "Reader", Kind.SERVICE,
            "As a reader, you can perform read-only actions within a service.",
            Set.of("{service}.*.read", "{service}.*.get", "{service}.*.list")),
    WRITER("crn:v1:bluemix:public:iam::::serviceRole:Writer", "Writer", Kind.SERVICE,
            "As a writer, you can perform actions within a service that read and change data.",
            Set.of("{service}.*.read", "{service}.*.get", "{service}.*.list", "{service}.*.write")),
    MANAGER("crn:v1:bluemix:public:iam::::serviceRole:Manager", "Manager", Kind.SERVICE,
            "As a manager, you have permissions beyond the writer role to complete privileged actions within a service.",
            Set.of("{service}.*")),
    USER_API_KEY_CREATOR("crn:v1:bluemix:public:iam-identity::::serviceRole:UserApiKeyCreator", "User API key creator",
            Kind.SERVICE, "Create API keys when the account setting to restrict API key creation is enabled.",
            Set.of("iam-identity.apikey.create")),
    SERVICE_ID_CREATOR("crn:v1:bluemix:public:iam-identity::::serviceRole:ServiceIdCreator", "Service ID creator",
            Kind.SERVICE, "Create service IDs when the account setting to restrict service ID creation is enabled.",
            Set.of("iam-identity.serviceid.create"));

    /** System (platform) roles apply to any service; service roles to the service named in the policy. */
    public enum Kind { SYSTEM, SERVICE }

    private final String crn;
    private final String displayName;
    private final Kind kind;
    private final String description;
    private final Set<String> actionPatterns;

    Role(String crn, String displayName, Kind kind, String description, Set<String> actionPatterns) {
        this.crn = crn;
        this.displayName = displayName;
        this.kind = kind;
        this.description = description;
        this.actionPatterns = actionPatterns;
    }

    public String crn() {
        return crn;
    }

    public String displayName() {
        return displayName;
    }

    public Kind kind() {
        return kind;
    }

    public String description() {
        return description;
    }

    /** The service a service role belongs to ({@code iam-identity} for the creator roles), or null for any. */
    public String ownService() {
        return crn.startsWith("crn:v1:bluemix:public:iam-identity:") ? "iam-identity" : null;
    }

    /**
     * True when this role, granted on {@code service}, allows {@code action}. On the IAM services only the
     * explicit actions and the full {@code {service}.*} apply; the generic verbs are for other services.
     */
    public boolean grants(String service, String action) {
        boolean iamService = service != null && AccessDecider.IAM_SERVICES.contains(service);
        for (String pattern : actionPatterns) {
            if (iamService && pattern.startsWith("{service}.") && !pattern.equals("{service}.*")) {
                continue;
            }
            String concrete = pattern.replace("{service}", service == null ? "*" : service);
            if (Glob.matches(concrete, action)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The concrete actions this role grants on {@code service}: the service's known actions ({@link
     * ServiceActions}) and the platform actions (assigning access; instances and credentials on services other
     * than the IAM ones) that the role's patterns match. For a service without a known
     * action list, the role's patterns as they apply to it (e.g. {@code cloud-object-storage.*.read}).
     */
    public List<String> actions(String service) {
        Set<String> actions = new TreeSet<>();
        List<String> known = ServiceActions.of(service);
        for (String action : known) {
            if (grants(service, action)) {
                actions.add(action);
            }
        }
        for (String action : ServiceActions.platform(service)) {
            if (grants(service, action)) {
                actions.add(action);
            }
        }
        if (known.isEmpty()) {
            boolean iamService = AccessDecider.IAM_SERVICES.contains(service);
            for (String pattern : actionPatterns) {
                boolean generic = pattern.startsWith("{service}.")
                        && (!iamService || pattern.equals("{service}.*"));
                if (generic || pattern.startsWith(service + ".")) {
                    actions.add(pattern.replace("{service}", service));
                }
            }
        }
        return List.copyOf(actions);
    }

    /**
     * Whether a policy on {@code service} may hold this role: system roles everywhere, a service's own roles
     * (the IAM Identity creator roles) only there, the generic Reader/Writer/Manager on services other than
     * the IAM ones. A null service (a policy or a role list naming none) offers every role.
     */
    public boolean offeredFor(String service) {
        if (kind == Kind.SYSTEM || service == null) {
            return true;
        }
        if (ownService() != null) {
            return ownService().equals(service);
        }
        return !AccessDecider.IAM_SERVICES.contains(service);
    }

    /** The roles a policy on {@code service} may hold, in this enum's order: what {@code GET /v2/roles} offers there. */
    public static List<Role> offeredOn(String service) {
        return Arrays.stream(values()).filter(r -> r.offeredFor(service)).toList();
    }

    public List<String> actionPatterns() {
        return actionPatterns.stream().sorted().toList();
    }

    public static Optional<Role> fromCrn(String crn) {
        return Arrays.stream(values()).filter(r -> r.crn.equals(crn)).findFirst();
    }
}
