package dev.latchkey.core.access;

import dev.latchkey.core.account.AccountStore;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.Principal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * The one place that decides whether a principal may do an action on a resource. It reads, at request time, the
 * policies naming the subject and the access groups it is in (so a changed policy or membership takes effect at
 * once), matches their resource attributes against the target and their conditions against the clock, and expands
 * their roles, built-in or custom, into actions. A subject that is not a member of the account holds nothing. The
 * account owner may do everything in the account; only the creator-role checks of the restrict settings
 * ({@link #holdsExplicitly}) ignore that. Thread-safe.
 */
public final class AccessDecider {
    /** The IAM platform services: what {@code service_group_id=IAM} and {@code serviceType=platform_service} cover. */
    public static final Set<String> IAM_SERVICES = Set.of("iam-identity", "iam-groups", "iam-access-management",
            "user-management", "iam-audit");
    /** The service of access management: its Administrator may assign any access in the account. */
    public static final String ACCESS_MANAGEMENT = "iam-access-management";
    /** Actions on policies as such: {@code iam-access-management.policy.read|create|update|delete}. */
    public static final String POLICY_ACTION_PREFIX = ACCESS_MANAGEMENT + ".policy.";
    /** Assigning access on one service: {@code iam.policy.read|create|update|delete} (Administrator only). */
    public static final String ASSIGN_ACTION_PREFIX = "iam.policy.";
    /** Platform actions on service instances and their credentials ({@code resource-controller.instance.create}, …). */
    public static final String RESOURCE_CONTROLLER_PREFIX = "resource-controller.";

    private final PolicyStore policies;
    private final AccessGroupStore groups;
    private final CustomRoleStore customRoles;
    private final AccountStore accounts;
    private final Subjects subjects;
    private final Clock clock;

    /**
     * {@code subjects}: who is a member (or service ID) of an account, since a policy may name someone who is not
     * yet and grants them nothing until they are; {@code clock}: the time a policy's conditions are evaluated at.
     */
    public AccessDecider(PolicyStore policies, AccessGroupStore groups, CustomRoleStore customRoles,
                         AccountStore accounts, Subjects subjects, Clock clock) {
        this.policies = policies;
        this.groups = groups;
        this.customRoles = customRoles;
        this.accounts = accounts;
        this.subjects = subjects;
        this.clock = clock;
    }

    /**
     * The active policies that apply to {@code iamId} in {@code accountId}: those naming it, and those naming an access
     * group it is a member of; none when it is not a member (or service ID) of the account, whatever names it. Read
     * at every call (two index probes), so a membership change applies to the next request on every node, as a
     * policy change does.
     */
    public List<Policy> held(String accountId, String iamId) {
        if (!subjects.existsIn(accountId, iamId)) {
            return List.of();
        }
        List<String> named = new ArrayList<>();
        named.add(iamId);
        named.addAll(groups.groupsOf(accountId, iamId));
        return policies.forSubjects(accountId, named);
    }

    public Decision check(Principal principal, String action, Resource target) {
        Decision foreign = foreignAccount(principal, action, target);
        if (foreign != null) {
            return foreign;
        }
        if (isOwner(principal)) {
            return owner(action);
        }
        return decide(held(principal.accountId(), principal.iamId()), action, target);
    }

    private static Decision foreignAccount(Principal principal, String action, Resource target) {
        String accountId = target.accountId();
        if (accountId == null || !accountId.equals(principal.accountId())) {
            return Decision.deny(action, "the access token is for account " + principal.accountId()
                    + ", not for account " + accountId);
        }
        return null;
    }

    private static Decision owner(String action) {
        return new Decision(true, action, null, "account owner");
    }

    /** The decision for a non-owner holding {@code held} (their active policies in the target's account). */
    private Decision decide(List<Policy> held, String action, Resource target) {
        for (Policy policy : held) {
            if (!appliesTo(policy, target)) {
                continue;
            }
            for (String roleId : policy.roleIds()) {
                Role role = Role.fromCrn(roleId).orElse(null);
                if (role != null && roleApplies(role, target) && role.grants(target.serviceName(), action)) {
                    return new Decision(true, action, policy.id(), role.displayName() + " on "
                            + describe(policy));
                }
                CustomRole custom = customRole(policy, roleId);
                if (custom != null && custom.grants(target.serviceName(), action)) {
                    return new Decision(true, action, policy.id(), custom.displayName() + " (custom role) on "
                            + describe(policy));
                }
            }
        }
        return Decision.deny(action, "no policy grants " + action);
    }

    /**
     * The custom role {@code roleId} names in {@code policy}'s account, read at decision time (a changed role applies
     * to the next request); null for a built-in role, or one deleted meanwhile.
     */
    private CustomRole customRole(Policy policy, String roleId) {
        String name = CustomRole.nameIn(roleId, policy.accountId());
        return name == null ? null : customRoles.findByName(policy.accountId(), name).orElse(null);
    }

    public boolean permits(Principal principal, String action, Resource target) {
        return check(principal, action, target).permitted();
    }

    /** Throws 403 naming the action when the principal may not do it. */
    public void require(Principal principal, String action, Resource target, String what) {
        Decision decision = check(principal, action, target);
        if (!decision.permitted()) {
            throw DomainException.forbidden("You are not allowed to " + what + ": this needs the action " + action
                    + " on " + target.attributes().getOrDefault("serviceName", "the account") + " in account "
                    + target.accountId() + ".");
        }
    }

    /**
     * {@link #permits} for many targets, as a listing needs it: the caller's ownership and policies are read once,
     * when this is called. Use it within one request.
     */
    public BiPredicate<String, Resource> permissions(Principal principal) {
        boolean owner = isOwner(principal);
        List<Policy> held = owner ? List.of() : held(principal.accountId(), principal.iamId());
        return (action, target) -> foreignAccount(principal, action, target) == null
                && (owner || decide(held, action, target).permitted());
    }

    /**
     * Whether {@code principal} may hand {@code role} on {@code target} to another identity without granting more
     * than it holds itself: it must hold every action {@code role} grants there, pattern for pattern (a held
     * {@code books.*} covers a handed-out {@code books.*.write}). Only the role's actions on the target's service
     * and the platform actions count; literal actions of other services grant nothing there. The account owner
     * holds everything. Used where the platform writes a policy on a caller's behalf (service credentials).
     */
    public Decision checkGrant(Principal principal, Role role, Resource target) {
        String service = target.serviceName();
        List<String> missing = new ArrayList<>();
        BiPredicate<String, Resource> held = permissions(principal);
        for (String pattern : role.actionPatterns()) {
            String concrete = pattern.replace("{service}", service == null ? "*" : service);
            boolean applies = concrete.startsWith(service + ".") || concrete.startsWith(ASSIGN_ACTION_PREFIX)
                    || concrete.startsWith(RESOURCE_CONTROLLER_PREFIX);
            if (applies && role.grants(service, concrete) && !held.test(concrete, target)) {
                missing.add(concrete);
            }
        }
        if (missing.isEmpty()) {
            return new Decision(true, "grant " + role.displayName(), null, "the caller holds every action of "
                    + role.displayName() + " there");
        }
        return Decision.deny("grant " + role.displayName(), "granting " + role.displayName() + " needs you to hold "
                + String.join(", ", missing) + " there yourself");
    }

    /**
     * True when a policy grants {@code role} itself on the target: no owner shortcut and no role implies it.
     * The restrict settings use this ("blocks everyone, the owner included, unless granted the role").
     */
    public boolean holdsExplicitly(Principal principal, Role role, Resource target) {
        if (!principal.accountId().equals(target.accountId())) {
            return false;
        }
        return held(target.accountId(), principal.iamId()).stream()
                .anyMatch(p -> appliesTo(p, target) && p.roleIds().contains(role.crn()));
    }

    /**
     * Whether {@code principal} may read {@code policy}: its own subject may (a member of an access group: the
     * group's policies); so may a reader of policies in the account ({@value #POLICY_ACTION_PREFIX}read on
     * {@value #ACCESS_MANAGEMENT}: Viewer and up), and an Administrator of the resource the policy grants access to.
     */
    public Decision checkPolicyRead(Principal principal, Policy policy) {
        return policyRead(principal, selves(principal), policy, (action, target) -> check(principal, action, target));
    }

    /** The subjects a principal is, for reading policies: its IAM id and the access groups it is a member of. */
    private Set<String> selves(Principal principal) {
        Set<String> selves = new java.util.HashSet<>(groups.groupsOf(principal.accountId(), principal.iamId()));
        selves.add(principal.iamId());
        return selves;
    }

    /**
     * {@link #checkPolicyRead} for many policies, as a listing needs it: the caller's ownership and policies are
     * read once, when this is called. Use it within one request.
     */
    public Predicate<Policy> policyReadable(Principal principal) {
        boolean owner = isOwner(principal);
        List<Policy> held = owner ? List.of() : held(principal.accountId(), principal.iamId());
        BiFunction<String, Resource, Decision> snapshot = (action, target) -> {
            Decision foreign = foreignAccount(principal, action, target);
            return foreign != null ? foreign : owner ? owner(action) : decide(held, action, target);
        };
        Set<String> selves = selves(principal);
        return policy -> policyRead(principal, selves, policy, snapshot).permitted();
    }

    private static Decision policyRead(Principal principal, Set<String> selves, Policy policy,
                                       BiFunction<String, Resource, Decision> check) {
        if (selves.contains(policy.subjectIamId()) && policy.accountId().equals(principal.accountId())) {
            return new Decision(true, POLICY_ACTION_PREFIX + "read", null, policy.subjectIamId()
                    .equals(principal.iamId()) ? "the caller is the policy's subject"
                    : "the caller is a member of the policy's access group");
        }
        return policyAction(policy, "read", check);
    }

    /**
     * Whether {@code principal} may {@code verb} (create, update, delete) {@code policy}: Administrator on
     * {@value #ACCESS_MANAGEMENT} in the account, or Administrator on the resource the policy grants access to,
     * which must name one service exactly. A role's actions stay on the resource its policy names, so nobody can
     * grant more than they hold. A replacement must pass for the old and the new policy.
     */
    public Decision checkPolicyWrite(Principal principal, Policy policy, String verb) {
        return policyAction(policy, verb, (action, target) -> check(principal, action, target));
    }

    /**
     * {@link #checkPolicyWrite} for many policies, as a listing needs it: the caller's ownership and policies are
     * read once, when this is called. Use it within one request.
     */
    public Predicate<Policy> policyWritable(Principal principal, String verb) {
        boolean owner = isOwner(principal);
        List<Policy> held = owner ? List.of() : held(principal.accountId(), principal.iamId());
        BiFunction<String, Resource, Decision> snapshot = (action, target) -> {
            Decision foreign = foreignAccount(principal, action, target);
            return foreign != null ? foreign : owner ? owner(action) : decide(held, action, target);
        };
        return policy -> policyAction(policy, verb, snapshot).permitted();
    }

    private static Decision policyAction(Policy policy, String verb, BiFunction<String, Resource, Decision> check) {
        String action = POLICY_ACTION_PREFIX + verb;
        Decision central = check.apply(action, Resource.service(policy.accountId(), ACCESS_MANAGEMENT));
        if (central.permitted()) {
            return central;
        }
        Resource granted = grantedResource(policy);
        if (granted != null) {
            Decision delegated = check.apply(ASSIGN_ACTION_PREFIX + verb, granted);
            if (delegated.permitted()) {
                return delegated;
            }
        }
        return Decision.deny(action, granted == null
                ? "this needs the Administrator role on " + ACCESS_MANAGEMENT + " in account " + policy.accountId()
                + " (the policy names no single service)"
                : "this needs the Administrator role on " + ACCESS_MANAGEMENT
                + (ACCESS_MANAGEMENT.equals(granted.serviceName()) ? "" : " or on " + granted.serviceName())
                + " in account " + policy.accountId());
    }

    /**
     * The resource a policy grants access to, as a decision target; null when it names no single service, or
     * uses a wildcard: whether one pattern covers another is not decided here, so only an Administrator of
     * {@value #ACCESS_MANAGEMENT} may assign those.
     */
    private static Resource grantedResource(Policy policy) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Policy.Attribute attribute : policy.resourceAttributes()) {
            if ("stringMatch".equals(attribute.operator())
                    && (attribute.value().contains("*") || attribute.value().contains("?"))) {
                return null;
            }
            attributes.put(attribute.name(), attribute.value());
        }
        attributes.put("accountId", policy.accountId());
        return attributes.get("serviceName") == null ? null : new Resource(attributes);
    }

    /**
     * Every action {@code principal} holds on {@code target}, sorted: the known actions of the target's service
     * that its roles grant, or their patterns for a service without a known action list. The account owner holds
     * what an Administrator does. Empty for another account or a target naming no service.
     */
    public List<String> actionsOn(Principal principal, Resource target) {
        String service = target.serviceName();
        if (service == null || !principal.accountId().equals(target.accountId())) {
            return List.of();
        }
        if (isOwner(principal)) {
            return Role.ADMINISTRATOR.actions(service);
        }
        Set<String> actions = new TreeSet<>();
        for (Policy policy : held(target.accountId(), principal.iamId())) {
            if (appliesTo(policy, target)) {
                for (String roleId : policy.roleIds()) {
                    Role.fromCrn(roleId).filter(role -> roleApplies(role, target))
                            .ifPresent(role -> actions.addAll(role.actions(service)));
                    CustomRole custom = customRole(policy, roleId);
                    if (custom != null && custom.serviceName().equals(service)) {
                        actions.addAll(custom.actions());
                    }
                }
            }
        }
        return List.copyOf(actions);
    }

    /**
     * Whether some active policy of {@code principal} grants {@code action} on some resource of {@code service} in its
     * own account (the owner: always): "may do this to at least one of them", for listings that then show only the
     * resources it may act on.
     */
    public boolean holdsAnywhere(Principal principal, String action, String service) {
        if (isOwner(principal)) {
            return true;
        }
        for (Policy policy : held(principal.accountId(), principal.iamId())) {
            String named = policy.attribute("serviceName");
            if (!Policy.ACTIVE.equals(policy.state()) || (named != null && !Glob.matches(named, service))) {
                continue;
            }
            for (String roleId : policy.roleIds()) {
                Role role = Role.fromCrn(roleId).orElse(null);
                if (role != null && (role.ownService() == null || role.ownService().equals(service))
                        && role.grants(service, action)) {
                    return true;
                }
                CustomRole custom = customRole(policy, roleId);
                if (custom != null && custom.grants(service, action)) {
                    return true;
                }
            }
        }
        return false;
    }

    public boolean isOwner(Principal principal) {
        return accounts.find(principal.accountId()).map(a -> a.ownerIamId().equals(principal.iamId())).orElse(false);
    }

    /**
     * Whether an active policy covers the target now: its account, every resource attribute (with its operator;
     * v2's list and existence operators included), no tags (Latchkey's resources carry none), and its conditions
     * at this instant of the injected clock.
     */
    private boolean appliesTo(Policy policy, Resource target) {
        if (!Policy.ACTIVE.equals(policy.state()) || !policy.accountId().equals(target.accountId())) {
            return false;
        }
        if (policy.resourceTags() != null && !policy.resourceTags().isEmpty()) {
            return false; // Latchkey's resources carry no tags: a tag-restricted policy matches none (never wider)
        }
        for (Policy.Attribute attribute : policy.resourceAttributes()) {
            boolean anyGroup = attribute.name().equals("resourceGroupId") && attribute.value().equals("*")
                    && (attribute.operator() == null || attribute.operator().equals("stringEquals"));
            if (!anyGroup && !matches(attribute, actual(attribute.name(), target))) {
                return false;
            }
        }
        return Conditions.holds(policy.rule(), clock.instant());
    }

    /** The target's value of a resource attribute, with serviceType and service_group_id derived from the service. */
    private static String actual(String name, Resource target) {
        String service = target.serviceName();
        return switch (name) {
            case "serviceType" -> service == null ? null
                    : IAM_SERVICES.contains(service) ? "platform_service" : "service";
            case "service_group_id" -> service != null && IAM_SERVICES.contains(service) ? "IAM" : null;
            default -> target.attributes().get(name);
        };
    }

    private static boolean matches(Policy.Attribute attribute, String actual) {
        String value = attribute.value();
        String operator = attribute.operator() == null ? "stringEquals" : attribute.operator();
        return switch (operator) {
            case "stringExists" -> (actual != null) == value.equals("true");
            case "stringMatch" -> actual != null && Glob.matches(value, actual);
            case "stringEqualsAnyOf" -> actual != null && AttributeValues.decode(value).contains(actual);
            case "stringMatchAnyOf" -> actual != null && AttributeValues.decode(value).stream()
                    .anyMatch(pattern -> Glob.matches(pattern, actual));
            default -> value.equals(actual);
        };
    }

    private static boolean roleApplies(Role role, Resource target) {
        return role.ownService() == null || role.ownService().equals(target.serviceName());
    }

    private static String describe(Policy policy) {
        String service = policy.attribute("serviceName");
        String through = AccessGroup.isId(policy.subjectIamId()) ? ", through access group " + policy.subjectIamId()
                : "";
        return (service == null ? "the account" : service) + " (policy " + policy.id() + through + ")";
    }
}
