package dev.latchkey.core.access;

import dev.latchkey.core.account.Account;
import dev.latchkey.core.account.InMemoryAccountStore;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.identity.InMemoryUserStore;
import dev.latchkey.core.identity.Membership;
import dev.latchkey.core.identity.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The in-memory fakes for access tests: one account with an owner, members, and policies. */
public final class InMemoryAccess {
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    static final String ACCOUNT = "a".repeat(32);
    static final String OTHER_ACCOUNT = "b".repeat(32);
    static final String OWNER = "IBMid-OWNER00001";

    final InMemoryPolicyStore policies = new InMemoryPolicyStore();
    final InMemoryUserStore users = new InMemoryUserStore();
    final InMemoryAccountStore accounts = new InMemoryAccountStore();
    final InMemoryAccessGroupStore groups = new InMemoryAccessGroupStore();
    final InMemoryCustomRoleStore customRoles = new InMemoryCustomRoleStore();
    final AccessDecider decider = new AccessDecider(policies, groups, customRoles, accounts,
            (accountId, iamId) -> users.membership(accountId, iamId).isPresent() || iamId.startsWith("iam-ServiceId-"),
            java.time.Clock.systemUTC());
    private int counter;

    InMemoryAccess() {
        accounts.insert(new Account(ACCOUNT, "test", OWNER, T0));
        accounts.insert(new Account(OTHER_ACCOUNT, "other", "IBMid-OTHER00001", T0));
        member(OWNER);
    }

    /** Adds a member of {@link #ACCOUNT}. */
    Principal member(String iamId) {
        users.insert(new User(iamId, iamId + "@example.com", "T", "U", false, T0));
        users.insertMembership(new Membership(ACCOUNT, iamId, null, T0));
        return new Principal(iamId, ACCOUNT);
    }

    /** Grants {@code role} to {@code iamId} on a resource of {@link #ACCOUNT} described by name/value pairs. */
    Policy grant(String iamId, Role role, String... nameValues) {
        List<Policy.Attribute> attributes = new ArrayList<>();
        attributes.add(new Policy.Attribute("accountId", ACCOUNT, null));
        for (int i = 0; i < nameValues.length; i += 2) {
            attributes.add(new Policy.Attribute(nameValues[i], nameValues[i + 1], null));
        }
        Policy policy = Policy.grant("policy-" + (++counter), ACCOUNT, iamId, List.of(role.crn()), attributes, null,
                OWNER, T0.plusSeconds(counter));
        policies.insert(policy);
        return policy;
    }
}
