package dev.latchkey.core.access;

import dev.latchkey.core.audit.AuditTarget;
import dev.latchkey.core.audit.AuditTrail;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.EntityTag;
import dev.latchkey.core.common.ErrorCode;
import dev.latchkey.core.common.Ids;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.common.Transactor;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Custom roles of IBM IAM Policy Management ({@code /v2/roles}) on behalf of an authenticated principal. Any member
 * of the account may read them (as the role listing); creating, replacing and deleting needs the Role management
 * actions {@code iam-access-management.role.create|update|delete} (Administrator on IAM Access Management, or the
 * account owner). A role lists concrete actions of its one service; a role a policy names cannot be deleted
 * (docs/decisions/0046-custom-roles.md). Thread-safe.
 */
public final class CustomRoleService {
    public static final String ROLE_ACTION_PREFIX = AccessDecider.ACCESS_MANAGEMENT + ".role.";
    static final int MAX_NAME = 30;
    static final int MAX_DISPLAY_NAME = 50;
    static final int MAX_DESCRIPTION = 250;
    static final int MAX_ACTIONS = 100;
    static final int MAX_ROLES_PER_ACCOUNT = 200;
    private static final Pattern NAME = Pattern.compile("[A-Z][A-Za-z0-9]*");
    private static final Pattern SERVICE = Pattern.compile("[a-z][a-z0-9-]{0,63}");
    private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9-]*(\\.[A-Za-z0-9_-]+)+");
    /** Namespaces of platform actions (assigning access, instances and credentials): no custom role holds them. */
    private static final Set<String> PLATFORM = Set.of("iam", "resource-controller");

    private final Transactor tx;
    private final CustomRoleStore store;
    private final PolicyStore policies;
    private final AccessDecider access;
    private final Ids ids;
    private final Clock clock;
    private final AuditTrail audit;

    public CustomRoleService(Transactor tx, CustomRoleStore store, PolicyStore policies, AccessDecider access, Ids ids,
                             Clock clock, AuditTrail audit) {
        this.tx = tx;
        this.store = store;
        this.policies = policies;
        this.access = access;
        this.ids = ids;
        this.clock = clock;
        this.audit = audit;
    }

    /** What a create asks for, as sent (IBM's {@code CustomRole} request). */
    public record NewRole(String accountId, String name, String displayName, String description, String serviceName,
                          List<String> actions) {
    }

    public CustomRole create(Principal caller, NewRole request) {
        String accountId = request.accountId();
        if (accountId == null || accountId.isBlank()) {
            throw DomainException.invalid("Field 'account_id' is required: the account the role belongs to.");
        }
        requireOwnAccount(caller, accountId, "create roles in");
        requireManage(caller, "create");
        String name = request.name();
        if (name == null || name.isBlank()) {
            throw DomainException.invalid("Field 'name' is required: the role's name in its CRN (alphanumeric, "
                    + "starting with a capital letter).");
        }
        if (name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
            throw DomainException.invalid("Field 'name' must be alphanumeric, start with a capital letter and be at "
                    + "most " + MAX_NAME + " characters, not '" + AccessGroupService.abbreviate(name) + "'.");
        }
        String service = service(request.serviceName());
        String displayName = displayName(request.displayName());
        String description = description(request.description());
        List<String> actions = actions(request.actions(), service);
        if (store.inAccount(accountId, null).size() >= MAX_ROLES_PER_ACCOUNT) {
            throw new DomainException(ErrorCode.LIMIT_REACHED, "Account " + accountId + " has "
                    + MAX_ROLES_PER_ACCOUNT + " custom roles, the most it may have; delete one first.");
        }
        Instant now = now();
        CustomRole role = new CustomRole(ids.uuid().replace("-", ""), accountId, name, displayName, description,
                service, actions, now, caller.iamId(), now, caller.iamId(), 1);
        return tx.inTransaction(() -> {
            if (!store.insert(role)) {
                throw new DomainException(ErrorCode.DUPLICATE_VALUE, "Account " + accountId + " has a custom role "
                        + "named " + name + " already; role names are unique in an account (they are in its CRN).");
            }
            audited(caller, role, "create", Map.of("service", service, "actions", String.join(",", actions)));
            return role;
        });
    }

    /** A role of the caller's account: any member may read it. */
    public CustomRole get(Principal caller, String id) {
        CustomRole role = store.find(id).orElseThrow(() -> notFound(id));
        if (!role.accountId().equals(caller.accountId())) {
            throw DomainException.forbidden("Role " + id + " belongs to another account than your access token's ("
                    + caller.accountId() + ").");
        }
        return role;
    }

    /** IBM's replace: display name and actions (required) and description, at the version {@code ifMatch} names. */
    public CustomRole replace(Principal caller, String id, String ifMatch, String displayName, String description,
                              List<String> actions) {
        CustomRole role = get(caller, id);
        requireManage(caller, "update");
        EntityTag.requireMatch(ifMatch, role.id(), role.version());
        CustomRole replaced = role.replaced(displayName(displayName), description(description),
                actions(actions, role.serviceName()), now(), caller.iamId());
        return tx.inTransaction(() -> {
            if (!store.update(replaced, role.version())) {
                throw new DomainException(ErrorCode.ENTITY_TAG_MISMATCH, "Role " + id + " was changed by another "
                        + "request at the same time; GET it again and retry.");
            }
            audited(caller, replaced, "update", Map.of("actions", String.join(",", replaced.actions())));
            return replaced;
        });
    }

    /** Deletes a role no policy names (in any state); otherwise 409 naming what to do first. */
    public void delete(Principal caller, String id) {
        CustomRole role = get(caller, id);
        requireManage(caller, "delete");
        tx.inTransaction(() -> {
            if (policies.namesRole(role.accountId(), role.crn())) {
                throw new DomainException(ErrorCode.ROLE_IN_USE, "The role " + role.name() + " (" + role.crn()
                        + ") is assigned in policies of account " + role.accountId() + "; remove it from them (or "
                        + "delete them) before deleting the role.");
            }
            if (!store.delete(id)) {
                throw notFound(id);
            }
            audited(caller, role, "delete", Map.of());
            return null;
        });
    }

    /** The caller's account's roles, of one service or (null) any. */
    public List<CustomRole> list(Principal caller, String serviceName) {
        return store.inAccount(caller.accountId(), serviceName);
    }

    /** The custom role {@code roleId} names in the caller's account, if it is one: for showing its display name. */
    public java.util.Optional<CustomRole> byCrn(String accountId, String roleId) {
        String name = CustomRole.nameIn(roleId, accountId);
        return name == null ? java.util.Optional.empty() : store.findByName(accountId, name);
    }

    /** Whether the caller may create, replace and delete custom roles in its account. */
    public boolean mayManage(Principal caller) {
        return access.permits(caller, ROLE_ACTION_PREFIX + "create",
                Resource.service(caller.accountId(), AccessDecider.ACCESS_MANAGEMENT));
    }

    /**
     * A policy may hold a custom role when the role is its account's and is for the one service the policy's
     * resource names exactly; 400 naming the role otherwise. Called by {@link PolicyService} before any write.
     */
    void requireUsableIn(Policy policy) {
        for (String roleId : policy.roleIds()) {
            if (!CustomRole.isCrn(roleId)) {
                continue;
            }
            CustomRole role = byCrn(policy.accountId(), roleId).orElseThrow(() -> DomainException.invalid(
                    "The role " + AccessGroupService.abbreviate(roleId) + " is not a custom role of account "
                            + policy.accountId() + "; GET /v2/roles?account_id=" + policy.accountId()
                            + " lists them."));
            Policy.Attribute service = policy.resourceAttributes().stream()
                    .filter(a -> a.name().equals("serviceName")).findFirst().orElse(null);
            boolean exact = service != null && (service.operator() == null || service.operator().equals("stringEquals"));
            if (!exact || !service.value().equals(role.serviceName())) {
                throw DomainException.invalid("The custom role " + role.name() + " is for service "
                        + role.serviceName() + ": a policy with it must name serviceName " + role.serviceName()
                        + " exactly.");
            }
        }
    }

    private void requireManage(Principal caller, String verb) {
        access.require(caller, ROLE_ACTION_PREFIX + verb, Resource.service(caller.accountId(),
                AccessDecider.ACCESS_MANAGEMENT), verb + " custom roles");
    }

    private static void requireOwnAccount(Principal caller, String accountId, String what) {
        if (!accountId.equals(caller.accountId())) {
            throw DomainException.forbidden("Your access token is for account " + caller.accountId() + "; it cannot "
                    + what + " account " + accountId + ".");
        }
    }

    private static String service(String service) {
        if (service == null || service.isBlank()) {
            throw DomainException.invalid("Field 'service_name' is required: the service whose actions the role "
                    + "grants.");
        }
        if (!SERVICE.matcher(service).matches() || PLATFORM.contains(service)) {
            throw DomainException.invalid("Field 'service_name' must name a service (lower-case letters, digits and "
                    + "hyphens, at most 64), not '" + AccessGroupService.abbreviate(service) + "'.");
        }
        return service;
    }

    private static String displayName(String displayName) {
        if (displayName == null || displayName.isBlank()) {
            throw DomainException.invalid("Field 'display_name' is required and must not be empty.");
        }
        if (displayName.length() > MAX_DISPLAY_NAME) {
            throw DomainException.invalid("Field 'display_name' must be at most " + MAX_DISPLAY_NAME + " characters.");
        }
        return displayName;
    }

    private static String description(String description) {
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw DomainException.invalid("Field 'description' must be at most " + MAX_DESCRIPTION + " characters.");
        }
        return description;
    }

    /**
     * One to {@value #MAX_ACTIONS} distinct concrete actions of {@code service}: {@code <service>.<…>}, no pattern;
     * on a service whose actions Latchkey knows (the IAM services), one of those.
     */
    private static List<String> actions(List<String> actions, String service) {
        if (actions == null || actions.isEmpty()) {
            throw DomainException.invalid("Field 'actions' is required: at least one action of service " + service
                    + ", e.g. " + service + ".shelf.read.");
        }
        if (actions.size() > MAX_ACTIONS) {
            throw DomainException.invalid("Field 'actions' may hold at most " + MAX_ACTIONS + " actions.");
        }
        List<String> known = ServiceActions.of(service);
        Set<String> seen = new HashSet<>();
        List<String> valid = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            String action = actions.get(i);
            String field = "actions[" + i + "]";
            if (action == null || action.length() > 200 || !ACTION.matcher(action).matches()
                    || !action.startsWith(service + ".")) {
                throw DomainException.invalid("Field '" + field + "' must be an action of service " + service + " ("
                        + service + ".<resource>.<verb>, no wildcards), not '"
                        + AccessGroupService.abbreviate(String.valueOf(action)) + "'.");
            }
            if (!known.isEmpty() && !known.contains(action)) {
                throw DomainException.invalid("Field '" + field + "' is not an action of " + service + ": "
                        + "GET /v2/roles?service_name=" + service + " lists its actions.");
            }
            if (!seen.add(action)) {
                throw DomainException.invalid("Field 'actions' names " + action + " twice.");
            }
            valid.add(action);
        }
        return valid;
    }

    private static DomainException notFound(String id) {
        return DomainException.notFound("Role", id);
    }

    private void audited(Principal caller, CustomRole role, String verb, Map<String, String> details) {
        audit.record(caller, role.accountId(), ROLE_ACTION_PREFIX + verb,
                AuditTarget.of("custom_role", role.id(), role.name()), new LinkedHashMap<>(details));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
