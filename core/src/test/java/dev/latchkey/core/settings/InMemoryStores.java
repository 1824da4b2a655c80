package dev.latchkey.core.settings;

import dev.latchkey.core.access.Policy;
import dev.latchkey.core.access.PolicyStore;
import dev.latchkey.core.account.Account;
import dev.latchkey.core.account.AccountStore;
import dev.latchkey.core.common.Page;
import dev.latchkey.core.identity.Membership;
import dev.latchkey.core.identity.User;
import dev.latchkey.core.identity.UserStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Plain in-memory implementations of the ports the settings service uses, for service tests without a database. */
final class InMemoryStores {
    private InMemoryStores() {
    }

    static final class Settings implements AccountSettingsStore {
        final Map<String, AccountSettings> rows = new ConcurrentHashMap<>();
        final List<SettingsHistoryEntry> history = new CopyOnWriteArrayList<>();
        int finds;

        @Override
        public Optional<AccountSettings> find(String accountId) {
            finds++;
            return Optional.ofNullable(rows.get(accountId));
        }

        @Override
        public synchronized boolean save(AccountSettings settings, long expectedVersion, SettingsHistoryEntry entry) {
            AccountSettings stored = rows.get(settings.accountId());
            long storedVersion = stored == null ? 0 : stored.version();
            if (storedVersion != expectedVersion) {
                return false;
            }
            rows.put(settings.accountId(), settings);
            history.add(entry);
            return true;
        }

        @Override
        public List<SettingsHistoryEntry> history(String accountId) {
            return List.copyOf(history);
        }
    }

    static final class Users implements UserStore {
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
        public boolean activate(String accountId, String iamId) {
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

    static final class Accounts implements AccountStore {
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

    static final class Policies implements PolicyStore {
        final List<Policy> policies = new CopyOnWriteArrayList<>();

        @Override
        public void insert(Policy policy) {
            policies.add(policy);
        }

        @Override
        public Optional<Policy> find(String id) {
            return policies.stream().filter(p -> p.id().equals(id)).findFirst();
        }

        @Override
        public boolean update(Policy policy, long expectedVersion) {
            throw new UnsupportedOperationException("not needed by these tests");
        }

        @Override
        public boolean delete(String id) {
            return policies.removeIf(p -> p.id().equals(id));
        }

        @Override
        public List<Policy> forSubject(String accountId, String subjectIamId) {
            return policies.stream().filter(p -> p.accountId().equals(accountId)
                    && p.subjectIamId().equals(subjectIamId) && Policy.ACTIVE.equals(p.state())).toList();
        }

        @Override
        public Page<Policy> list(String accountId, String subjectIamId, int offset, int limit) {
            return new Page<>(new ArrayList<>(forSubject(accountId, subjectIamId)), offset, limit, false);
        }

        @Override
        public int deleteForSubject(String accountId, String subjectIamId) {
            int before = policies.size();
            policies.removeIf(p -> p.accountId().equals(accountId) && p.subjectIamId().equals(subjectIamId));
            return before - policies.size();
        }
    }
}
