package dev.latchkey.core.access;

import dev.latchkey.core.account.AccountStore;
import dev.latchkey.core.common.DomainException;
import java.util.Set;

/**
 * The one place that decides whether a principal may do an action on a resource. It reads the subject's
 * policies at request time (so a changed policy takes effect at once), matches their resource attributes
 * against the target, and expands their roles into actions. The account owner may do everything in the
 * account; only the creator-role checks of the restrict settings ({@link #holdsExplicitly}) ignore that.
 * Thread-safe.
 */
public final class AccessDecider {
    /** The IAM platform services: what {@code service_group_id=IAM} and {@code serviceType=platform_service} cover. */
    public static final Set<String> IAM_SERVICES = Set.of("iam-identity", "iam-groups", "iam-access-management",
            "user-management");

    private final PolicyStore policies;
    private final AccountStore accounts;

    public AccessDecider(PolicyStore policies, AccountStore accounts) {
        this.policies = policies;
        this.accounts = accounts;
    }

    public Decision check(Principal principal, String action, Resource target) {
        String accountId = target.accountId();
        if (accountId == null || !accountId.equals(principal.accountId())) {
            return Decision.deny(action, "the access token is for account " + principal.accountId()
                    + ", not for account " + accountId);
        }
        if (isOwner(principal)) {
            return new Decision(true, action, null, "account owner");
        }
        for (Policy policy : policies.forSubject(accountId, principal.iamId())) {
            if (!appliesTo(policy, target)) {
                continue;
            }
            for (String roleId : policy.roleIds()) {
                Role role = Role.fromCrn(roleId).orElse(null);
                if (role != null && roleApplies(role, target) && role.grants(target.serviceName(), action)) {
                    return new Decision(true, action, policy.id(), role.displayName() + " on "
                            + describe(policy));
                }
            }
        }
        return Decision.deny(action, "no policy grants " + action);
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
     * True when a policy grants {@code role} itself on the target: no owner shortcut and no role implies it.
     * The restrict settings use this ("blocks everyone, the owner included, unless granted the role").
     */
    public boolean holdsExplicitly(Principal principal, Role role, Resource target) {
        if (!principal.accountId().equals(target.accountId())) {
            return false;
        }
        return policies.forSubject(target.accountId(), principal.iamId()).stream()
                .anyMatch(p -> appliesTo(p, target) && p.roleIds().contains(role.crn()));
    }

    public boolean isOwner(Principal principal) {
        return accounts.find(principal.accountId()).map(a -> a.ownerIamId().equals(principal.iamId())).orElse(false);
    }

    static boolean appliesTo(Policy policy, Resource target) {
        if (!Policy.ACTIVE.equals(policy.state()) || !policy.accountId().equals(target.accountId())) {
            return false;
        }
        String service = target.serviceName();
        for (Policy.Attribute attribute : policy.resourceAttributes()) {
            String name = attribute.name();
            String value = attribute.value();
            boolean ok = switch (name) {
                case "accountId" -> value.equals(target.accountId());
                case "serviceType" -> service != null && (value.equals("platform_service") == IAM_SERVICES.contains(service));
                case "service_group_id" -> value.equals("IAM") && service != null && IAM_SERVICES.contains(service);
                case "resourceGroupId" -> value.equals("*") || value.equals(target.attributes().get(name));
                default -> {
                    String actual = target.attributes().get(name);
                    yield actual != null && ("stringMatch".equals(attribute.operator())
                            ? Glob.matches(value, actual) : value.equals(actual));
                }
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean roleApplies(Role role, Resource target) {
        return role.ownService() == null || role.ownService().equals(target.serviceName());
    }

    private static String describe(Policy policy) {
        String service = policy.attribute("serviceName");
        return (service == null ? "the account" : service) + " (policy " + policy.id() + ")";
    }
}
