package dev.latchkey.app.support;

import dev.latchkey.core.access.Policy;
import dev.latchkey.core.access.Role;
import dev.latchkey.core.account.Account;
import dev.latchkey.core.apikey.ApiKey;
import dev.latchkey.core.apikey.LeakAction;
import dev.latchkey.core.common.ApiKeyHash;
import dev.latchkey.core.common.HistoryEntry;
import dev.latchkey.core.common.IamIds;
import dev.latchkey.core.common.Ids;
import dev.latchkey.core.common.KeyFormat;
import dev.latchkey.core.identity.Membership;
import dev.latchkey.core.identity.User;
import dev.latchkey.core.serviceid.ServiceId;
import dev.latchkey.store.access.JdbcPolicyStore;
import dev.latchkey.store.account.JdbcAccountStore;
import dev.latchkey.store.apikey.JdbcApiKeyStore;
import dev.latchkey.store.identity.JdbcUserStore;
import dev.latchkey.store.serviceid.JdbcServiceIdStore;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Arranges identities the foundation's API cannot create yet (users, other accounts, keys with past expiry) by
 * writing through the same stores the server uses, on the server's own database.
 */
public final class Fixtures {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Ids ids = new Ids(RANDOM);
    private final KeyFormat format = new KeyFormat("lk");
    private final JdbcAccountStore accounts;
    private final JdbcUserStore users;
    private final JdbcPolicyStore policies;
    private final JdbcApiKeyStore keys;
    private final JdbcServiceIdStore serviceIds;

    /** Someone who can authenticate: their IAM id, the account they act in, and one API key value. */
    public record Person(String iamId, String accountId, String apikey) {
    }

    public Fixtures(TestServer server) {
        var jdbi = server.wiring.database().jdbi();
        accounts = new JdbcAccountStore(jdbi);
        users = new JdbcUserStore(jdbi, server.wiring.database().changes(),
                server.wiring.database().isPostgres());
        policies = new JdbcPolicyStore(jdbi);
        keys = new JdbcApiKeyStore(jdbi, server.wiring.database().changes(),
                server.wiring.database().isPostgres());
        serviceIds = new JdbcServiceIdStore(jdbi, server.wiring.database().changes(),
                server.wiring.database().isPostgres());
    }

    /** A new user in {@code accountId} holding {@code roles} on the IAM Identity service, with one API key. */
    public Person member(String accountId, Role... roles) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        User user = new User(ids.userIamId(), "user-" + ids.uuid() + "@example.com", "Test", "User", false, now);
        users.insert(user);
        users.insertMembership(new Membership(accountId, user.iamId(), null, now));
        if (roles.length > 0) {
            grant(accountId, user.iamId(), roles);
        }
        return new Person(user.iamId(), accountId, key(accountId, user.iamId(), null, false));
    }

    /** Writes an active policy granting {@code roles} to {@code iamId} on {@code service}; returns its id. */
    public String grant(String accountId, String iamId, String service, Role... roles) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String id = ids.policyId();
        policies.insert(Policy.grant(id, accountId, iamId, java.util.Arrays.stream(roles).map(Role::crn).toList(),
                List.of(new Policy.Attribute("accountId", accountId, null),
                        new Policy.Attribute("serviceName", service, null)), null, iamId, now));
        return id;
    }

    /** A new functional ID (a program, no password) of {@code accountId}, with one API key. */
    public Person functional(String accountId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        User user = new User(ids.userIamId(), "bot-" + ids.uuid() + "@example.com", "Build", "Bot", true, now);
        users.insert(user);
        users.insertMembership(new Membership(accountId, user.iamId(), null, Membership.ACTIVE, now));
        return new Person(user.iamId(), accountId, key(accountId, user.iamId(), null, false));
    }

    /** A new service ID of {@code accountId} with one API key; the person's IAM id is the service ID's. */
    public Person serviceIdWithKey(String accountId, String createdBy) {
        String iamId = IamIds.ofServiceId(serviceId(accountId, createdBy, false));
        return new Person(iamId, accountId, key(accountId, iamId, null, false));
    }

    /** A new user of {@code accountId} invited by {@code inviterIamId} (and accepted), with one API key. */
    public Person invitedBy(String accountId, String inviterIamId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        User user = new User(ids.userIamId(), "user-" + ids.uuid() + "@example.com", "Test", "User", false, now);
        users.insert(user);
        users.insertMembership(new Membership(accountId, user.iamId(), inviterIamId, Membership.ACTIVE, now));
        return new Person(user.iamId(), accountId, key(accountId, user.iamId(), null, false));
    }

    /** A new account whose owner is returned. */
    public Person accountWithOwner() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        User owner = new User(ids.userIamId(), "owner-" + ids.uuid() + "@example.com", "Other", "Owner", false, now);
        Account account = new Account(ids.accountId(), "Other account", owner.iamId(), now);
        users.insert(owner);
        accounts.insert(account);
        users.insertMembership(new Membership(account.id(), owner.iamId(), null, now));
        return new Person(owner.iamId(), account.id(), key(account.id(), owner.iamId(), null, false));
    }

    /** The IAM ID of the user with this e-mail address. */
    public String iamIdOf(String email) {
        return users.findByEmail(email).orElseThrow().iamId();
    }

    /** The e-mail address of a user. */
    public String email(String iamId) {
        return users.find(iamId).orElseThrow().email();
    }

    /** Adds an existing user to another account. */
    public void join(String accountId, String iamId) {
        users.insertMembership(new Membership(accountId, iamId, null, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
    }

    /** Writes a key directly, e.g. one that has already expired; returns its value. */
    public String key(String accountId, String iamId, Instant expiresAt, boolean disabled) {
        return insertKey(accountId, iamId, expiresAt, false, disabled).getValue();
    }

    /** Writes a key directly in the given state; returns its id and value. */
    public Map.Entry<String, String> insertKey(String accountId, String iamId, Instant expiresAt, boolean locked,
                                        boolean disabled) {
        String value = format.generate(RANDOM);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String id = ids.apiKeyId();
        keys.insert(new ApiKey(id, accountId, iamId, "fixture", null, iamId, now, now, expiresAt, locked,
                disabled, false, LeakAction.NONE, ApiKeyHash.of(value), format.displayPrefix(value), 1),
                new HistoryEntry(now, iamId, accountId, "create", List.of(), "fixture"));
        return Map.entry(id, value);
    }

    /** Writes a service ID directly (no creator policy), e.g. a fresh target per matrix cell; returns its id. */
    public String serviceId(String accountId, String createdBy, boolean locked) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String id = ids.serviceId();
        serviceIds.insert(new ServiceId(id, IamIds.ofServiceId(id), accountId, "fixture", null, List.of(), locked, now,
                now, createdBy, 1), new HistoryEntry(now, createdBy, accountId, "create", List.of(), "fixture"));
        return id;
    }

    /** Grants {@code roles} on the whole IAM Identity service to {@code subjectIamId}; returns the policy id. */
    public String grant(String accountId, String subjectIamId, Role... roles) {
        return grant(accountId, subjectIamId, Policy.IAM_IDENTITY, roles);
    }

    /** The policies whose subject is {@code iamId} in {@code accountId}. */
    public List<Policy> policiesOf(String accountId, String iamId) {
        return policies.forSubject(accountId, iamId);
    }

    /** The sealed value column of a key, as stored. */
    public java.util.Optional<byte[]> sealedValue(String keyId) {
        return keys.sealedValue(keyId);
    }
}
