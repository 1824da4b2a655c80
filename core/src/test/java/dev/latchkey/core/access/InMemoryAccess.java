package dev.latchkey.core.access;

import dev.latchkey.core.account.Account;
import dev.latchkey.core.account.AccountStore;
import dev.latchkey.core.common.Page;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.identity.Membership;
import dev.latchkey.core.identity.User;
import dev.latchkey.core.identity.UserStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory stores for core tests: one account with an owner, members, and policies. Not thread-safe. */
public final class InMemoryAccess {
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    static final String ACCOUNT = "a".repeat(32);
    static final String OTHER_ACCOUNT = "b".repeat(32);
    static final String OWNER = "IBMid-OWNER00001";

    final Policies policies = new Policies();
    final Users users = new Users();
    final Accounts accounts = new Accounts();
    final AccessDecider decider = new AccessDecider(policies, accounts);
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

    public static final class Policies implements PolicyStore {
        final Map<String, Policy> byId = new ConcurrentHashMap<>();

        @Override
        public void insert(Policy policy) {
            byId.put(policy.id(), policy);
        }

        @Override
        public Optional<Policy> find(String id) {
            return Optional.ofNullable(byId.get(id));
        }

        @Override
        public boolean update(Policy policy, long expectedVersion) {
            Policy current = byId.get(policy.id());
            if (current == null || current.version() != expectedVersion) {
                return false;
            }
            byId.put(policy.id(), policy);
            return true;
        }

        @Override
        public boolean delete(String id) {
            return byId.remove(id) != null;
        }

        @Override
        public List<Policy> forSubject(String accountId, String subjectIamId) {
            return sorted().stream().filter(p -> p.accountId().equals(accountId)
                    && p.subjectIamId().equals(subjectIamId) && p.state().equals(Policy.ACTIVE)).toList();
        }

        @Override
        public Page<Policy> list(String accountId, String subjectIamId, String state, int offset, int limit) {
            List<Policy> all = sorted().stream().filter(p -> p.accountId().equals(accountId)
                    && (subjectIamId == null || p.subjectIamId().equals(subjectIamId))
                    && (state == null || p.state().equals(state))).toList();
            int from = Math.min(offset, all.size());
            int to = Math.min(offset + limit, all.size());
            return new Page<>(all.subList(from, to), offset, limit, to < all.size());
        }

        @Override
        public int deleteForSubject(String accountId, String subjectIamId) {
            List<String> ids = byId.values().stream().filter(p -> p.accountId().equals(accountId)
                    && p.subjectIamId().equals(subjectIamId)).map(Policy::id).toList();
            ids.forEach(byId::remove);
            return ids.size();
        }

        private List<Policy> sorted() {
            return byId.values().stream().sorted(Comparator.comparing(Policy::createdAt).thenComparing(Policy::id))
                    .toList();
        }
    }

    public static final class Users implements UserStore {
        final Map<String, User> users = new ConcurrentHashMap<>();
        final Map<String, Membership> memberships = new ConcurrentHashMap<>();

        @Override
        public void insert(User user) {
            users.put(user.iamId(), user);
        }

        @Override
        public Optional<User> find(String iamId) {
            return Optional.ofNullable(users.get(iamId));
        }

        @Override
        public void insertMembership(Membership membership) {
            memberships.put(membership.accountId() + "/" + membership.iamId(), membership);
        }

        @Override
        public Optional<Membership> membership(String accountId, String iamId) {
            return Optional.ofNullable(memberships.get(accountId + "/" + iamId));
        }

        @Override
        public Optional<User> findByEmail(String email) {
            return users.values().stream().filter(u -> u.email().equalsIgnoreCase(email)).findFirst();
        }

        @Override
        public List<Membership> memberships(String iamId) {
            return memberships.values().stream().filter(m -> m.iamId().equals(iamId)).toList();
        }

        @Override
        public dev.latchkey.core.common.Page<Membership> members(String accountId, int offset, int limit) {
            List<Membership> all = memberships.values().stream().filter(m -> m.accountId().equals(accountId)).toList();
            List<Membership> page = all.stream().skip(offset).limit(limit).toList();
            return new dev.latchkey.core.common.Page<>(page, offset, limit, offset + page.size() < all.size());
        }

        @Override
        public int countMembers(String accountId) {
            return (int) memberships.values().stream().filter(m -> m.accountId().equals(accountId)).count();
        }

        @Override
        public void setInvitation(String accountId, String iamId, String secretHash, java.time.Instant expiresAt) {
            throw new UnsupportedOperationException("invitations are not used by the settings tests");
        }

        @Override
        public Optional<Membership> findInvitation(String secretHash, java.time.Instant now) {
            return Optional.empty();
        }

        @Override
        public boolean activate(String accountId, String iamId, java.time.Instant now) {
            return false;
        }

        @Override
        public boolean deleteMembership(String accountId, String iamId) {
            return memberships.remove(accountId + "/" + iamId) != null;
        }

        @Override
        public Optional<String> passwordHash(String iamId) {
            return Optional.empty();
        }

        @Override
        public void setPasswordHash(String iamId, String hash) {
            throw new UnsupportedOperationException("passwords are not used by the settings tests");
        }
    }

    public static final class Accounts implements AccountStore {
        final Map<String, Account> accounts = new ConcurrentHashMap<>();

        @Override
        public void insert(Account account) {
            accounts.put(account.id(), account);
        }

        @Override
        public Optional<Account> find(String accountId) {
            return Optional.ofNullable(accounts.get(accountId));
        }

        @Override
        public boolean isEmpty() {
            return accounts.isEmpty();
        }
    }
}
