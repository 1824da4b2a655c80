package dev.latchkey.core.access;

import dev.latchkey.core.account.AccountStore;
import java.util.EnumSet;
import java.util.Set;

/**
 * The one place that decides whether a principal may do something in an account. Decisions are evaluated
 * against the policies at request time, so a changed policy takes effect at once. Thread-safe.
 */
public final class AccessDecider {
    private final PolicyStore policies;
    private final AccountStore accounts;

    public AccessDecider(PolicyStore policies, AccountStore accounts) {
        this.policies = policies;
        this.accounts = accounts;
    }

    public boolean permits(Principal principal, Permission permission, String accountId) {
        if (!principal.accountId().equals(accountId)) {
            return false;
        }
        Set<Role> roles = rolesOnIdentityService(principal);
        return switch (permission) {
            case VIEW_ACCOUNT_API_KEYS -> roles.contains(Role.ADMINISTRATOR);
            case MANAGE_ACCOUNT_API_KEYS -> roles.contains(Role.ADMINISTRATOR);
        };
    }

    /**
     * The roles the principal holds on the IAM Identity service in its account. The account owner holds
     * Administrator implicitly.
     */
    public Set<Role> rolesOnIdentityService(Principal principal) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Policy policy : policies.forSubject(principal.accountId(), principal.iamId())) {
            if (policy.serviceName().equals(Policy.IAM_IDENTITY)) {
                roles.addAll(policy.roles());
            }
        }
        accounts.find(principal.accountId())
                .filter(account -> account.ownerIamId().equals(principal.iamId()))
                .ifPresent(account -> roles.add(Role.ADMINISTRATOR));
        return roles;
    }
}
