package dev.latchkey.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.access.Policy;
import dev.latchkey.core.access.Role;
import dev.latchkey.core.account.Account;
import dev.latchkey.core.apikey.Activity;
import dev.latchkey.core.apikey.ApiKey;
import dev.latchkey.core.apikey.ApiKeyQuery;
import dev.latchkey.core.apikey.HistoryEntry;
import dev.latchkey.core.apikey.LeakAction;
import dev.latchkey.core.common.Filter;
import dev.latchkey.core.common.Page;
import dev.latchkey.core.identity.Membership;
import dev.latchkey.core.identity.User;
import dev.latchkey.core.token.StoredSigningKey;
import dev.latchkey.store.access.JdbcPolicyStore;
import dev.latchkey.store.account.JdbcAccountStore;
import dev.latchkey.store.apikey.JdbcApiKeyStore;
import dev.latchkey.store.identity.JdbcUserStore;
import dev.latchkey.store.token.JdbcSigningKeyStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every store must have, run against each database (H2 and PostgreSQL subclasses). */
abstract class StoreContract implements OutboxStoreContract {
    static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");
    Database db;
    JdbcAccountStore accounts;
    JdbcUserStore users;
    JdbcPolicyStore policies;
    JdbcApiKeyStore keys;
    JdbcSigningKeyStore signingKeys;

    abstract Database open();

    @BeforeEach
    void setUp() {
        db = open();
        accounts = new JdbcAccountStore(db.jdbi());
        users = new JdbcUserStore(db.jdbi());
        policies = new JdbcPolicyStore(db.jdbi());
        keys = new JdbcApiKeyStore(db.jdbi());
        signingKeys = new JdbcSigningKeyStore(db.jdbi());
        users.insert(new User("IBMid-OWNER00001", "owner@example.com", "Olive", "Owner", false, T0));
        accounts.insert(new Account("a".repeat(32), "Acme", "IBMid-OWNER00001", T0));
        users.insertMembership(new Membership("a".repeat(32), "IBMid-OWNER00001", null, T0));
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Override
    public Database database() {
        return db;
    }

    static ApiKey key(String id, String name, String iamId, String hash) {
        return new ApiKey(id, "a".repeat(32), iamId, name, "desc of " + name, "IBMid-OWNER00001", T0, T0, null, false,
                false, false, LeakAction.NONE, hash, "lk_abcd", 1);
    }

    static HistoryEntry entry(String action) {
        return new HistoryEntry(T0, "IBMid-OWNER00001", "a".repeat(32), action, List.of("name", "description"), "m");
    }

    static String hash(int n) {
        return String.format("%064x", n);
    }

    @Test
    void accountsAndUsersRoundTrip() {
        assertThat(accounts.isEmpty()).isFalse();
        assertThat(accounts.find("a".repeat(32))).get().extracting(Account::ownerIamId).isEqualTo("IBMid-OWNER00001");
        assertThat(accounts.find("b".repeat(32))).isEmpty();
        assertThat(users.find("IBMid-OWNER00001")).get().extracting(User::createdAt).isEqualTo(T0);
        assertThat(users.membership("a".repeat(32), "IBMid-OWNER00001")).isPresent();
        assertThat(users.membership("b".repeat(32), "IBMid-OWNER00001")).isEmpty();
    }

    static Policy policy(String id, String subject, List<Policy.Attribute> tags) {
        return new Policy(id, "access", "a".repeat(32), subject, List.of(Role.ADMINISTRATOR.crn(),
                Role.USER_API_KEY_CREATOR.crn()), List.of(new Policy.Attribute("accountId", "a".repeat(32), "stringEquals"),
                new Policy.Attribute("serviceName", "iam-identity", null)), tags, "d", "active", T0, "IBMid-OWNER00001",
                T0, "IBMid-OWNER00001", 1);
    }

    @Test
    void policiesRoundTripExactlyAndAreFoundBySubject() {
        Policy withTags = policy("p1", "IBMid-OWNER00001", List.of(new Policy.Attribute("project", "x", "stringEquals")));
        Policy noTags = policy("p2", "IBMid-OWNER00001", null);
        policies.insert(withTags);
        policies.insert(noTags);
        assertThat(policies.find("p1")).contains(withTags);
        assertThat(policies.find("p2")).contains(noTags);
        assertThat(policies.forSubject("a".repeat(32), "IBMid-OWNER00001")).containsExactly(withTags, noTags);
        assertThat(policies.forSubject("a".repeat(32), "IBMid-SOMEONE999")).isEmpty();
        assertThat(policies.list("a".repeat(32), null, 1, 1).items()).containsExactly(noTags);
        assertThat(policies.list("a".repeat(32), null, 0, 1).hasMore()).isTrue();
    }

    @Test
    void policyUpdateNeedsTheCurrentVersionAndReplacesAttributes() {
        policies.insert(policy("p1", "IBMid-OWNER00001", null));
        Policy changed = new Policy("p1", "access", "a".repeat(32), "IBMid-OWNER00001", List.of(Role.VIEWER.crn()),
                List.of(new Policy.Attribute("accountId", "a".repeat(32), null)), List.of(), null, "active", T0,
                "IBMid-OWNER00001", T0.plusSeconds(1), "IBMid-OTHER", 2);
        assertThat(policies.update(changed, 2)).isFalse();
        assertThat(policies.update(changed, 1)).isTrue();
        assertThat(policies.find("p1")).contains(changed);
        assertThat(policies.deleteForSubject("a".repeat(32), "IBMid-OWNER00001")).isEqualTo(1);
        assertThat(policies.find("p1")).isEmpty();
    }

    @Test
    void keyRoundTripsWithEveryField() {
        ApiKey key = new ApiKey("ApiKey-1", "a".repeat(32), "IBMid-OWNER00001", "n", null, "IBMid-OWNER00001", T0,
                T0.plusSeconds(1), T0.plus(30, ChronoUnit.DAYS), true, true, true, LeakAction.DELETE, hash(1),
                "lk_wxyz", 7);
        keys.insert(key, entry("create"));
        assertThat(keys.find("ApiKey-1")).contains(key);
        assertThat(keys.findByHash(hash(1))).contains(key);
        assertThat(keys.findByHash(hash(2))).isEmpty();
        assertThat(keys.history("ApiKey-1")).containsExactly(entry("create"));
    }

    @Test
    void duplicateHashIsRefusedAndNothingIsWritten() {
        keys.insert(key("ApiKey-1", "one", "IBMid-OWNER00001", hash(1)), entry("create"));
        assertThatThrownBy(() -> keys.insert(key("ApiKey-2", "two", "IBMid-OWNER00001", hash(1)), entry("create")))
                .isInstanceOf(RuntimeException.class);
        assertThat(keys.find("ApiKey-2")).isEmpty();
        assertThat(keys.history("ApiKey-2")).isEmpty();
    }

    @Test
    void updateWithStaleVersionWritesNothing() {
        ApiKey key = key("ApiKey-1", "one", "IBMid-OWNER00001", hash(1));
        keys.insert(key, entry("create"));
        ApiKey renamed = key.withDetails("renamed", null, false, LeakAction.DISABLE, null, T0.plusSeconds(5));
        assertThat(keys.update(renamed, 1, entry("update"))).isTrue();
        ApiKey again = key.withDetails("lost", null, false, LeakAction.NONE, null, T0.plusSeconds(6));
        assertThat(keys.update(again, 1, entry("update"))).isFalse();
        assertThat(keys.find("ApiKey-1")).contains(renamed);
        assertThat(keys.history("ApiKey-1")).extracting(HistoryEntry::action).containsExactly("create", "update");
    }

    @Test
    void deleteNeedsTheCurrentVersionAndRemovesHistory() {
        keys.insert(key("ApiKey-1", "one", "IBMid-OWNER00001", hash(1)), entry("create"));
        assertThat(keys.delete("ApiKey-1", 2)).isFalse();
        assertThat(keys.delete("ApiKey-1", 1)).isTrue();
        assertThat(keys.find("ApiKey-1")).isEmpty();
        assertThat(keys.history("ApiKey-1")).isEmpty();
    }

    @Test
    void listFiltersSortsAndPages() {
        for (int i = 0; i < 5; i++) {
            keys.insert(key("ApiKey-" + i, "key-" + i, "IBMid-OWNER00001", hash(i)), entry("create"));
        }
        keys.insert(key("ApiKey-s", "Service Key", "iam-ServiceId-1", hash(99)), entry("create"));
        Page<ApiKey> first = keys.list(new ApiKeyQuery("a".repeat(32), "IBMid-OWNER00001", null, null,
                ApiKeyQuery.SortField.NAME, true, 0, 2));
        assertThat(first.items()).extracting(ApiKey::name).containsExactly("key-4", "key-3");
        assertThat(first.hasMore()).isTrue();
        Page<ApiKey> last = keys.list(new ApiKeyQuery("a".repeat(32), "IBMid-OWNER00001", null, null,
                ApiKeyQuery.SortField.NAME, true, 4, 2));
        assertThat(last.items()).extracting(ApiKey::name).containsExactly("key-0");
        assertThat(last.hasMore()).isFalse();

        Filter filter = new Filter.Or(new Filter.Comparison("name", Filter.Operator.EW, "-1"),
                new Filter.Comparison("name", Filter.Operator.CO_CI, "SERVICE"));
        assertThat(keys.list(new ApiKeyQuery("a".repeat(32), null, null, filter, ApiKeyQuery.SortField.NAME, false,
                0, 20)).items()).extracting(ApiKey::name).containsExactly("Service Key", "key-1");
        assertThat(keys.list(new ApiKeyQuery("a".repeat(32), null, ApiKeyQuery.KeyType.SERVICEID, null,
                ApiKeyQuery.SortField.CREATED_AT, false, 0, 20)).items()).extracting(ApiKey::id)
                .containsExactly("ApiKey-s");
        assertThat(keys.countForIdentity("a".repeat(32), "IBMid-OWNER00001")).isEqualTo(5);
    }

    @Test
    void filterValuesAreLiteralNotPatternsOrSql() {
        keys.insert(key("ApiKey-1", "100% sure", "IBMid-OWNER00001", hash(1)), entry("create"));
        keys.insert(key("ApiKey-2", "100 percent", "IBMid-OWNER00001", hash(2)), entry("create"));
        Filter percent = new Filter.Comparison("name", Filter.Operator.SW, "100%");
        assertThat(keys.list(new ApiKeyQuery("a".repeat(32), null, null, percent, ApiKeyQuery.SortField.NAME, false,
                0, 20)).items()).extracting(ApiKey::id).containsExactly("ApiKey-1");
        Filter injection = new Filter.Comparison("name", Filter.Operator.CO, "' OR '1'='1");
        assertThat(keys.list(new ApiKeyQuery("a".repeat(32), null, null, injection, ApiKeyQuery.SortField.NAME,
                false, 0, 20)).items()).isEmpty();
    }

    @Test
    void activityAccumulatesAcrossBatches() {
        keys.insert(key("ApiKey-1", "one", "IBMid-OWNER00001", hash(1)), entry("create"));
        assertThat(keys.activity("ApiKey-1")).isEqualTo(Activity.NONE);
        keys.addActivity(Map.of("ApiKey-1", new Activity(T0.plusSeconds(10), 3)));
        keys.addActivity(Map.of("ApiKey-1", new Activity(T0.plusSeconds(5), 2), "ApiKey-gone", new Activity(T0, 1)));
        assertThat(keys.activity("ApiKey-1")).isEqualTo(new Activity(T0.plusSeconds(10), 5));
        assertThat(keys.find("ApiKey-1")).get().extracting(ApiKey::version).isEqualTo(1L);
    }

    @Test
    void signingKeysRoundTrip() {
        signingKeys.insert(new StoredSigningKey("202601020304", "RS256", new byte[] {1, 2, 3}, new byte[] {4, 5}, T0));
        assertThat(signingKeys.all()).singleElement().satisfies(k -> {
            assertThat(k.kid()).isEqualTo("202601020304");
            assertThat(k.publicKey()).containsExactly(1, 2, 3);
            assertThat(k.sealedPrivateKey()).containsExactly(4, 5);
            assertThat(k.createdAt()).isEqualTo(T0);
        });
    }

    @Test
    void transactionRollsBackEveryStoreTogether() {
        assertThatThrownBy(() -> db.inTransaction(() -> {
            users.insert(new User("IBMid-ROLLBACK01", "r@example.com", "R", "B", false, T0));
            keys.insert(key("ApiKey-r", "r", "IBMid-ROLLBACK01", hash(5)), entry("create"));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(users.find("IBMid-ROLLBACK01")).isEmpty();
        assertThat(keys.find("ApiKey-r")).isEmpty();
    }
}
