package dev.latchkey.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.access.Policy;
import dev.latchkey.core.access.PolicyStore;
import dev.latchkey.core.access.Role;
import dev.latchkey.core.account.Account;
import dev.latchkey.core.account.AccountStore;
import dev.latchkey.core.activity.ActivityReport;
import dev.latchkey.core.activity.ActivityReportStore;
import dev.latchkey.core.activity.InactiveIdentity;
import dev.latchkey.core.apikey.Activity;
import dev.latchkey.core.apikey.ApiKey;
import dev.latchkey.core.apikey.ApiKeyQuery;
import dev.latchkey.core.apikey.ApiKeyStore;
import dev.latchkey.core.apikey.KeyUses;
import dev.latchkey.core.apikey.LeakAction;
import dev.latchkey.core.common.Filter;
import dev.latchkey.core.common.HistoryEntry;
import dev.latchkey.core.common.Page;
import dev.latchkey.core.common.Transactor;
import dev.latchkey.core.identity.MemberProfile;
import dev.latchkey.core.identity.MemberSettings;
import dev.latchkey.core.identity.Membership;
import dev.latchkey.core.identity.User;
import dev.latchkey.core.identity.UserStore;
import dev.latchkey.core.password.PasswordReset;
import dev.latchkey.core.password.PasswordResetStore;
import dev.latchkey.core.serviceid.ServiceId;
import dev.latchkey.core.serviceid.ServiceIdQuery;
import dev.latchkey.core.serviceid.ServiceIdStore;
import dev.latchkey.core.session.ConsoleSession;
import dev.latchkey.core.session.SessionStore;
import dev.latchkey.core.settings.AccountSettings;
import dev.latchkey.core.settings.ExternalInteraction;
import dev.latchkey.core.settings.AccountSettingsStore;
import dev.latchkey.core.settings.SettingsHistoryEntry;
import dev.latchkey.core.settings.UserDomainRestriction;
import dev.latchkey.core.settings.UserMfa;
import dev.latchkey.core.token.SigningKeyStore;
import dev.latchkey.core.token.StoredSigningKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every store must have, run against each database ({@link DatabaseStoreContract}: H2 and PostgreSQL)
 * and against core's in-memory fakes ({@link InMemoryStoreTest}), so that the fakes the service tests use are
 * proven to behave as the stores do.
 */
abstract class StoreContract implements OutboxStoreContract, KeyUsageStoreContract, ApiKeyRulesStoreContract,
        ApiKeyListingContract, ServiceIdListingContract, MemberListingContract {
    static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");
    StoresUnderTest stores;
    Transactor tx;
    AccountStore accounts;
    UserStore users;
    PolicyStore policies;
    ApiKeyStore keys;
    SigningKeyStore signingKeys;
    AccountSettingsStore settings;
    ServiceIdStore serviceIds;

    /** Fresh, empty stores. */
    abstract StoresUnderTest open();

    @BeforeEach
    void setUp() {
        stores = open();
        tx = stores.tx();
        accounts = stores.accounts();
        users = stores.users();
        policies = stores.policies();
        keys = stores.keys();
        signingKeys = stores.signingKeys();
        settings = stores.settings();
        serviceIds = stores.serviceIds();
        users.insert(new User("IBMid-OWNER00001", "owner@example.com", "Olive", "Owner", false, T0));
        accounts.insert(new Account("a".repeat(32), "Acme", "IBMid-OWNER00001", T0));
        users.insertMembership(new Membership("a".repeat(32), "IBMid-OWNER00001", null, T0));
    }

    @AfterEach
    void tearDown() {
        stores.close();
    }

    @Override
    public StoresUnderTest stores() {
        return stores;
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
    void policyUpdateMayChangeTheSubjectAndStateAndListsFilterByState() {
        policies.insert(policy("p1", "IBMid-OWNER00001", null));
        policies.insert(policy("p2", "IBMid-OWNER00001", null));
        Policy old = policies.find("p1").orElseThrow();
        Policy moved = new Policy("p1", "access", "a".repeat(32), "IBMid-SOMEONE999", old.roleIds(),
                old.resourceAttributes(), null, old.description(), "deleted", T0, "IBMid-OWNER00001",
                T0.plusMillis(1), "IBMid-OWNER00001", 2);
        assertThat(policies.update(moved, 1)).isTrue();
        assertThat(policies.find("p1")).contains(moved);
        assertThat(policies.forSubject("a".repeat(32), "IBMid-SOMEONE999")).as("deleted: not in force").isEmpty();
        assertThat(policies.list("a".repeat(32), null, "deleted", 0, 10).items()).containsExactly(moved);
        assertThat(policies.list("a".repeat(32), null, "active", 0, 10).items()).extracting(Policy::id)
                .containsExactly("p2");
        assertThat(policies.list("a".repeat(32), "IBMid-SOMEONE999", null, 0, 10).items()).containsExactly(moved);
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
    void rotationReplacesTheValueKeepsThePreviousHashAndItsGraceAndIsFoundByEither() {
        ApiKey key = key("ApiKey-1", "one", "IBMid-OWNER00001", hash(1));
        keys.insert(key, entry("create"));
        Instant graceUntil = T0.plusSeconds(3600);
        ApiKey rotated = key.rotated(hash(2), "lk_new1", graceUntil, T0.plusSeconds(5));
        assertThat(keys.rotate(rotated, 1, null, entry("rotate"))).isTrue();
        assertThat(keys.find("ApiKey-1")).contains(rotated);
        assertThat(keys.findByHash(hash(2))).contains(rotated);
        assertThat(keys.findByHash(hash(1))).as("found by the previous hash, whatever the time").contains(rotated);
        assertThat(keys.history("ApiKey-1")).extracting(HistoryEntry::action).containsExactly("create", "rotate");

        ApiKey renamed = rotated.withDetails("renamed", null, false, LeakAction.NONE, null, T0.plusSeconds(6));
        assertThat(keys.update(renamed, 2, entry("update"))).isTrue();
        assertThat(keys.find("ApiKey-1").orElseThrow().previousHash()).as("an update keeps the grace").isEqualTo(hash(1));
        assertThat(keys.find("ApiKey-1").orElseThrow().previousHashUntil()).isEqualTo(graceUntil);

        ApiKey again = renamed.rotated(hash(3), "lk_new2", null, T0.plusSeconds(7));
        assertThat(keys.rotate(again, 3, null, entry("rotate"))).isTrue();
        assertThat(keys.findByHash(hash(1))).as("the older previous value is dropped").isEmpty();
        assertThat(keys.findByHash(hash(2))).as("no grace: nothing kept").isEmpty();
        assertThat(keys.findByHash(hash(3))).contains(again);
        assertThat(again.previousHash()).isNull();
    }

    @Test
    void rotationWithAStaleVersionWritesNothingAndReplacesTheSealedValue() {
        ApiKey key = key("ApiKey-1", "one", "iam-ServiceId-1", hash(1));
        keys.insert(key, new byte[] {1, 2, 3}, entry("create"));
        ApiKey rotated = key.rotated(hash(2), "lk_new1", T0.plusSeconds(60), T0.plusSeconds(5));
        assertThat(keys.rotate(rotated, 7, new byte[] {4, 5}, entry("rotate"))).isFalse();
        assertThat(keys.find("ApiKey-1")).contains(key);
        assertThat(keys.sealedValue("ApiKey-1")).hasValueSatisfying(v -> assertThat(v).containsExactly(1, 2, 3));
        assertThat(keys.history("ApiKey-1")).hasSize(1);

        assertThat(keys.rotate(rotated, 1, new byte[] {4, 5}, entry("rotate"))).isTrue();
        assertThat(keys.sealedValue("ApiKey-1")).hasValueSatisfying(v -> assertThat(v).containsExactly(4, 5));
        ApiKey unsealed = rotated.rotated(hash(3), "lk_new2", null, T0.plusSeconds(6));
        assertThat(keys.rotate(unsealed, 2, null, entry("rotate"))).isTrue();
        assertThat(keys.sealedValue("ApiKey-1")).isEmpty();
    }

    @Test
    void aCurrentValueIsFoundBeforeAnotherKeysPreviousValueWithTheSameHash() {
        ApiKey first = key("ApiKey-1", "one", "IBMid-OWNER00001", hash(1));
        keys.insert(first, entry("create"));
        ApiKey rotated = first.rotated(hash(2), "lk_new1", T0.plusSeconds(60), T0.plusSeconds(1));
        assertThat(keys.rotate(rotated, 1, null, entry("rotate"))).isTrue();
        ApiKey second = key("ApiKey-2", "two", "IBMid-OWNER00001", hash(1));
        keys.insert(second, entry("create"));
        assertThat(keys.findByHash(hash(1))).contains(second);
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
        assertThat(keys.lockAndCountForIdentity("a".repeat(32), "IBMid-OWNER00001")).isEqualTo(5);
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
        keys.addActivity(KeyUses.builder(1).oneDay("ApiKey-1", T0.plusSeconds(10), 3).build());
        keys.addActivity(KeyUses.builder(2).oneDay("ApiKey-1", T0.plusSeconds(5), 2).oneDay("ApiKey-gone", T0, 1)
                .build());
        assertThat(keys.activity("ApiKey-1")).isEqualTo(new Activity(T0.plusSeconds(10), 5));
        assertThat(keys.find("ApiKey-1")).get().extracting(ApiKey::version).isEqualTo(1L);
    }

    @Test
    void twoFlushesOfTheSameKeysAtOnceLoseNothing() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String id = "ApiKey-flush-%02d".formatted(i);
            keys.insert(key(id, "flush " + i, "IBMid-OWNER00001", hash(500 + i)), entry("create"));
            ids.add(id);
        }
        int rounds = 25;
        // two nodes flushing the same keys (in key order, as every KeyUses holds them), the second with the later use
        TwoWriters.atOnce(second -> {
            Instant latest = T0.plusSeconds(second ? 200 : 100);
            for (int r = 0; r < rounds; r++) {
                KeyUses.Builder batch = KeyUses.builder(ids.size());
                ids.forEach(id -> batch.oneDay(id, latest, 2));
                keys.addActivity(batch.build());
            }
        });
        for (String id : ids) {
            assertThat(keys.activity(id)).as(id).isEqualTo(new Activity(T0.plusSeconds(200), 2L * 2 * rounds));
        }
    }

    static StoredSigningKey signingKey(String kid, Instant created, String succeeds) {
        return new StoredSigningKey(kid, "RS256", new byte[] {1, 2, 3}, new byte[] {4, 5}, created,
                created.plusSeconds(420), null, succeeds);
    }

    @Test
    void signingKeysRoundTripOldestFirst() {
        assertThat(signingKeys.insert(signingKey("202601020310", T0.plusSeconds(60), "202601020304"))).isTrue();
        assertThat(signingKeys.insert(new StoredSigningKey("202601020304", "ES256", new byte[] {1, 2, 3},
                new byte[] {4, 5}, T0, T0, null, StoredSigningKey.FIRST))).isTrue();
        assertThat(signingKeys.all()).extracting(StoredSigningKey::kid).containsExactly("202601020304", "202601020310");
        assertThat(signingKeys.all().getFirst()).satisfies(k -> {
            assertThat(k.algorithm()).isEqualTo("ES256");
            assertThat(k.publicKey()).containsExactly(1, 2, 3);
            assertThat(k.sealedPrivateKey()).containsExactly(4, 5);
            assertThat(k.createdAt()).isEqualTo(T0);
            assertThat(k.activatesAt()).isEqualTo(T0);
            assertThat(k.retiredAt()).isNull();
            assertThat(k.succeeds()).isEqualTo(StoredSigningKey.FIRST);
        });
        assertThat(signingKeys.all().getLast().activatesAt()).isEqualTo(T0.plusSeconds(480));
    }

    @Test
    void onlyOneKeySucceedsAnyKeyAndKidsAreNeverReused() {
        assertThat(signingKeys.insert(signingKey("k1", T0, StoredSigningKey.FIRST))).isTrue();
        assertThat(signingKeys.insert(signingKey("k1-other-first", T0, StoredSigningKey.FIRST)))
                .as("a second first key").isFalse();
        assertThat(signingKeys.insert(signingKey("k2", T0.plusSeconds(1), "k1"))).isTrue();
        assertThat(signingKeys.insert(signingKey("k2-other", T0.plusSeconds(1), "k1")))
                .as("another key after k1: a node that lost the race").isFalse();
        assertThat(signingKeys.insert(signingKey("k1", T0.plusSeconds(2), "k2"))).as("a kid taken").isFalse();
        assertThat(signingKeys.retire("k1", T0.plusSeconds(3))).isTrue();
        assertThat(signingKeys.insert(signingKey("k1", T0.plusSeconds(4), "k2"))).as("a retired kid").isFalse();
        assertThat(signingKeys.all()).extracting(StoredSigningKey::kid).containsExactly("k1", "k2");
    }

    @Test
    void retiringAKeyErasesItsPrivateHalfOnce() {
        signingKeys.insert(signingKey("k1", T0, StoredSigningKey.FIRST));
        signingKeys.insert(signingKey("k2", T0.plusSeconds(1), "k1"));
        assertThat(signingKeys.retire("k1", T0.plusSeconds(3600))).isTrue();
        assertThat(signingKeys.retire("k1", T0.plusSeconds(7200))).as("retired already").isFalse();
        assertThat(signingKeys.retire("nope", T0)).as("unknown").isFalse();
        StoredSigningKey retired = signingKeys.all().getFirst();
        assertThat(retired.retiredAt()).isEqualTo(T0.plusSeconds(3600));
        assertThat(retired.sealedPrivateKey()).isNull();
        assertThat(retired.publicKey()).containsExactly(1, 2, 3);
        assertThat(signingKeys.all().getLast().sealedPrivateKey()).as("the other key keeps its own").isNotNull();
    }

    @Test
    void aKeyAndTheRetirementsOfAnImmediateReplacementRollBackTogether() {
        signingKeys.insert(signingKey("k1", T0, StoredSigningKey.FIRST));
        assertThatThrownBy(() -> tx.inTransaction(() -> {
            signingKeys.insert(signingKey("k2", T0.plusSeconds(1), "k1"));
            signingKeys.retire("k1", T0.plusSeconds(1));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(signingKeys.all()).singleElement().satisfies(k -> assertThat(k.retiredAt()).isNull());
    }

    @Test
    void transactionRollsBackEveryStoreTogether() {
        assertThatThrownBy(() -> tx.inTransaction(() -> {
            users.insert(new User("IBMid-ROLLBACK01", "r@example.com", "R", "B", false, T0));
            keys.insert(key("ApiKey-r", "r", "IBMid-ROLLBACK01", hash(5)), entry("create"));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(users.find("IBMid-ROLLBACK01")).isEmpty();
        assertThat(keys.find("ApiKey-r")).isEmpty();
    }

    static final String ACCOUNT = "a".repeat(32);

    static AccountSettings settingsAt(long version, String serviceIdRestriction) {
        return new AccountSettings(ACCOUNT, serviceIdRestriction, "NOT_RESTRICTED", " 10.0.0.0/8, 2001:db8::1 ",
                "TOTP4ALL", List.of(UserMfa.of("IBMid-OWNER00001", "LEVEL3"), UserMfa.of("IBMid-SOMEONE01", "NONE")),
                "900", "NOT_SET", "3", "1800", "259200", "RESTRICTED",
                List.of(new UserDomainRestriction("IBMid", List.of("*.*@example.com", "**@example.org"), true),
                        new UserDomainRestriction("realm-no-patterns", null, false),
                        new UserDomainRestriction("realm-empty-patterns", List.of(), null)), version, "90", "NOT_SET", null, null, null);
    }

    static SettingsHistoryEntry settingsEntry(String field) {
        return new SettingsHistoryEntry(T0, "IBMid-OWNER00001", ACCOUNT, "update", List.of(field), "m");
    }

    @Test
    void settingsAreAbsentUntilWrittenThenRoundTripExactlyWithListsInOrder() {
        assertThat(settings.find(ACCOUNT)).isEmpty();
        AccountSettings first = settingsAt(1, "RESTRICTED");
        assertThat(settings.save(first, 0, settingsEntry("mfa"))).isTrue();
        assertThat(settings.find(ACCOUNT)).contains(first);
        assertThat(settings.find("b".repeat(32))).isEmpty();
        AccountSettings emptied = new AccountSettings(ACCOUNT, "NOT_SET", "NOT_SET", "", "NONE", List.of(), "86400",
                "7200", "NOT_SET", "3600", "259200", "NOT_RESTRICTED", List.of(), 2, "NOT_SET", "3650", null,
                null, null);
        assertThat(settings.save(emptied, 1, settingsEntry("user_mfa"))).isTrue();
        assertThat(settings.find(ACCOUNT)).contains(emptied);
        assertThat(settings.history(ACCOUNT)).containsExactly(settingsEntry("mfa"), settingsEntry("user_mfa"));
    }

    @Test
    void externalInteractionsRoundTripPerIdentityTypeWithAllowlistsInOrderAndUntouchedByOtherSettings() {
        AccountSettings first = settingsAt(1, "RESTRICTED").withExternal(
                new ExternalInteraction("limited", List.of("c".repeat(32), "b".repeat(32), "acct_2-x")),
                new ExternalInteraction("monitor", List.of()), new ExternalInteraction("enabled", List.of("d")), 1);
        assertThat(settings.save(first, 0, settingsEntry("external"))).isTrue();
        assertThat(settings.find(ACCOUNT)).contains(first);
        assertThat(settings.find(ACCOUNT).orElseThrow().externalUser().externalAllowedAccounts())
                .containsExactly("c".repeat(32), "b".repeat(32), "acct_2-x");
        AccountSettings defaults = settingsAt(2, "NOT_SET");
        assertThat(defaults.externalUser()).isEqualTo(ExternalInteraction.DEFAULT);
        assertThat(settings.save(defaults, 1, settingsEntry("back"))).isTrue();
        assertThat(settings.find(ACCOUNT)).contains(defaults);
    }

    @Test
    void settingsSaveWithAStaleVersionWritesNothing() {
        assertThat(settings.save(settingsAt(1, "RESTRICTED"), 0, settingsEntry("first"))).isTrue();
        assertThat(settings.save(settingsAt(1, "NOT_RESTRICTED"), 0, settingsEntry("second first")))
                .as("a second first write loses").isFalse();
        assertThat(settings.save(settingsAt(2, "NOT_SET"), 5, settingsEntry("stale"))).isFalse();
        assertThat(settings.find(ACCOUNT)).contains(settingsAt(1, "RESTRICTED"));
        assertThat(settings.history(ACCOUNT)).containsExactly(settingsEntry("first"));
        assertThat(settings.save(settingsAt(2, "NOT_SET"), 1, settingsEntry("next"))).isTrue();
        assertThat(settings.find(ACCOUNT)).contains(settingsAt(2, "NOT_SET"));
    }

    @Test
    void settingsHistoryKeepsTheNewestEntriesOfEachAccountOnly() {
        String other = "b".repeat(32);
        accounts.insert(new Account(other, "Other", "IBMid-OWNER00001", T0));
        AccountSettings otherSettings = new AccountSettings(other, "NOT_SET", "NOT_SET", "", "NONE", List.of(),
                "86400", "7200", "NOT_SET", "3600", "259200", "NOT_RESTRICTED", List.of(), 1, "NOT_SET", "NOT_SET", null,
                null, null);
        assertThat(settings.save(otherSettings, 0, settingsEntry("other"))).isTrue();
        int saves = AccountSettingsStore.HISTORY_LIMIT + 2;
        for (int version = 1; version <= saves; version++) {
            assertThat(settings.save(settingsAt(version, "RESTRICTED"), version - 1, settingsEntry("f" + version)))
                    .isTrue();
        }
        List<SettingsHistoryEntry> kept = settings.history(ACCOUNT);
        assertThat(kept).hasSize(AccountSettingsStore.HISTORY_LIMIT);
        assertThat(kept.getFirst()).isEqualTo(settingsEntry("f3"));
        assertThat(kept.getLast()).isEqualTo(settingsEntry("f" + saves));
        assertThat(settings.history(other)).containsExactly(settingsEntry("other"));
    }

    static ServiceId serviceId(String uuid, String name, List<String> crns) {
        String id = "ServiceId-" + uuid;
        return new ServiceId(id, "iam-" + id, "a".repeat(32), name, "about " + name, crns, false, T0, T0,
                "IBMid-OWNER00001", 1);
    }

    @Test
    void serviceIdRoundTripsWithCrnsInOrderAndHistory() {
        ServiceId withCrns = serviceId("1", "billing", List.of("crn:v1:b:public:kms::a/x:2::", "crn:v1:a:public:cos::a/x:1::"));
        ServiceId bare = new ServiceId("ServiceId-2", "iam-ServiceId-2", "a".repeat(32), "bare", null, List.of(), true,
                T0, T0.plusSeconds(1), "IBMid-OWNER00001", 4);
        serviceIds.insert(withCrns, entry("create"));
        serviceIds.insert(bare, entry("create"));
        assertThat(serviceIds.find("ServiceId-1")).contains(withCrns);
        assertThat(serviceIds.find("ServiceId-2")).contains(bare);
        assertThat(serviceIds.findForToken("ServiceId-2")).contains(bare);
        assertThat(serviceIds.find("ServiceId-3")).isEmpty();
        assertThat(serviceIds.history("ServiceId-1")).containsExactly(entry("create"));
        assertThatThrownBy(() -> serviceIds.insert(serviceId("1", "again", List.of()), entry("create")))
                .isInstanceOf(RuntimeException.class);
        assertThat(serviceIds.history("ServiceId-1")).hasSize(1);
    }

    @Test
    void serviceIdUpdateNeedsTheCurrentVersionAndReplacesCrns() {
        ServiceId original = serviceId("1", "billing", List.of("crn:v1:one", "crn:v1:two"));
        serviceIds.insert(original, entry("create"));
        ServiceId renamed = original.withDetails("invoicing", null, List.of("crn:v1:three"), T0.plusSeconds(5));
        assertThat(serviceIds.update(renamed, 1, entry("update"))).isTrue();
        ServiceId lost = original.withDetails("lost", "x", List.of(), T0.plusSeconds(6));
        assertThat(serviceIds.update(lost, 1, entry("update"))).isFalse();
        assertThat(serviceIds.find("ServiceId-1")).contains(renamed);
        ServiceId locked = renamed.withLocked(true, T0.plusSeconds(7));
        assertThat(serviceIds.update(locked, 2, entry("lock"))).isTrue();
        assertThat(serviceIds.find("ServiceId-1")).contains(locked);
        assertThat(serviceIds.history("ServiceId-1")).extracting(HistoryEntry::action)
                .containsExactly("create", "update", "lock");
    }

    @Test
    void serviceIdDeleteNeedsTheCurrentVersionAndRemovesCrnsAndHistory() {
        serviceIds.insert(serviceId("1", "billing", List.of("crn:v1:one")), entry("create"));
        assertThat(serviceIds.delete("ServiceId-1", 2)).isFalse();
        assertThat(serviceIds.find("ServiceId-1")).isPresent();
        assertThat(serviceIds.delete("ServiceId-1", 1)).isTrue();
        assertThat(serviceIds.find("ServiceId-1")).isEmpty();
        assertThat(serviceIds.history("ServiceId-1")).isEmpty();
        serviceIds.insert(serviceId("1", "reborn", List.of("crn:v1:other")), entry("create"));
        assertThat(serviceIds.find("ServiceId-1")).get().extracting(ServiceId::uniqueInstanceCrns)
                .isEqualTo(List.of("crn:v1:other"));
    }

    @Test
    void serviceIdListFindsByExactNameFiltersSortsAndPages() {
        for (int i = 0; i < 5; i++) {
            serviceIds.insert(serviceId(Integer.toString(i), "app-" + i, List.of("crn:v1:" + i)), entry("create"));
        }
        String account = "a".repeat(32);
        Page<ServiceId> first = serviceIds.list(new ServiceIdQuery(account, null, null, ServiceIdQuery.SortField.NAME,
                true, 0, 2));
        assertThat(first.items()).extracting(ServiceId::name).containsExactly("app-4", "app-3");
        assertThat(first.items().get(0).uniqueInstanceCrns()).containsExactly("crn:v1:4");
        assertThat(first.hasMore()).isTrue();
        Page<ServiceId> last = serviceIds.list(new ServiceIdQuery(account, null, null, ServiceIdQuery.SortField.NAME,
                true, 4, 2));
        assertThat(last.items()).extracting(ServiceId::name).containsExactly("app-0");
        assertThat(last.hasMore()).isFalse();
        serviceIds.insert(serviceId("x", "App-1 copy", List.of()), entry("create"));
        assertThat(serviceIds.list(new ServiceIdQuery(account, "app-1", null, ServiceIdQuery.SortField.CREATED_AT,
                false, 0, 100)).items()).extracting(ServiceId::id).containsExactly("ServiceId-1");
        Filter filter = new Filter.Comparison("name", Filter.Operator.SW_CI, "APP-1");
        assertThat(serviceIds.list(new ServiceIdQuery(account, null, filter, ServiceIdQuery.SortField.NAME, false, 0,
                100)).items()).extracting(ServiceId::id).containsExactlyInAnyOrder("ServiceId-1", "ServiceId-x");
        assertThat(serviceIds.list(new ServiceIdQuery("b".repeat(32), null, null, ServiceIdQuery.SortField.MODIFIED_AT,
                false, 0, 100)).items()).isEmpty();
    }

    @Test
    void sealedValueIsKeptOnlyForKeysThatHaveOne() {
        keys.insert(key("ApiKey-1", "stored", "iam-ServiceId-1", hash(1)), new byte[] {9, 8, 7}, entry("create"));
        keys.insert(key("ApiKey-2", "plain", "iam-ServiceId-1", hash(2)), entry("create"));
        assertThat(keys.sealedValue("ApiKey-1")).hasValueSatisfying(v -> assertThat(v).containsExactly(9, 8, 7));
        assertThat(keys.sealedValue("ApiKey-2")).isEmpty();
        assertThat(keys.sealedValue("ApiKey-404")).isEmpty();
    }

    @Test
    void aMembershipIsActivatedOnlyWhileItsInvitationLasts() {
        String account = "a".repeat(32);
        users.insert(new User("IBMid-MEMBER0002", "late@example.com", "Lee", "Late", false, T0));
        users.insertMembership(new Membership(account, "IBMid-MEMBER0002", "IBMid-OWNER00001", Membership.PENDING, T0));
        users.setInvitation(account, "IBMid-MEMBER0002", hash(7), T0.plus(Duration.ofDays(7)));
        assertThat(users.activate(account, "IBMid-MEMBER0002", T0.plus(Duration.ofDays(7)))).as("expired").isFalse();
        assertThat(users.membership(account, "IBMid-MEMBER0002").orElseThrow().isActive()).isFalse();
        assertThat(users.activate(account, "IBMid-MEMBER0002", T0.plus(Duration.ofDays(6)))).isTrue();
        assertThat(users.membership(account, "IBMid-MEMBER0002").orElseThrow().isActive()).isTrue();
        assertThat(users.activate(account, "IBMid-MEMBER0002", T0)).as("active already").isFalse();
    }

    @Test
    void aMembersProfileAndSettingsChangeOnlyAtTheVersionReadAndBelongToThatAccount() {
        String account = "a".repeat(32);
        Membership fresh = users.membership(account, "IBMid-OWNER00001").orElseThrow();
        assertThat(fresh.profile()).isEqualTo(MemberProfile.NONE);
        assertThat(fresh.settings()).isEqualTo(MemberSettings.DEFAULTS);
        assertThat(fresh.version()).isZero();
        MemberProfile profile = new MemberProfile("Olivia", null, "+1 555 0100", null, "https://example.com/o.png");
        MemberSettings limited = new MemberSettings("fr", "pt-br", "10.0.0.0/8, 192.0.2.7", true);
        assertThat(users.updateMember(account, "IBMid-OWNER00001", profile, limited, 1)).as("stale").isFalse();
        assertThat(users.updateMember(account, "IBMid-OWNER00001", profile, limited, 0)).isTrue();
        Membership changed = users.membership(account, "IBMid-OWNER00001").orElseThrow();
        assertThat(changed).isEqualTo(fresh.with(profile, limited));
        assertThat(changed.version()).isEqualTo(1);
        assertThat(users.memberships("IBMid-OWNER00001")).containsExactly(changed);
        assertThat(users.members(account, null, 0, 10).items()).containsExactly(changed);
        assertThat(users.updateMember(account, "IBMid-OWNER00001", profile, limited, 0)).as("stale now").isFalse();
        assertThat(users.updateMember(account, "IBMid-NOBODY0001", profile, limited, 0)).as("no member").isFalse();
        assertThat(users.updateMember("b".repeat(32), "IBMid-OWNER00001", profile, limited, 0)).isFalse();

        accounts.insert(new Account("b".repeat(32), "Other", "IBMid-OWNER00001", T0));
        users.insertMembership(new Membership("b".repeat(32), "IBMid-OWNER00001", null, T0));
        assertThat(users.membership("b".repeat(32), "IBMid-OWNER00001").orElseThrow().settings())
                .as("settings are per account").isEqualTo(MemberSettings.DEFAULTS);
        assertThat(users.updateMember(account, "IBMid-OWNER00001", MemberProfile.NONE, MemberSettings.DEFAULTS, 1))
                .isTrue();
        assertThat(users.membership(account, "IBMid-OWNER00001").orElseThrow()).isEqualTo(
                changed.with(MemberProfile.NONE, MemberSettings.DEFAULTS));
    }

    @Test
    void activatingAMembershipKeepsItsProfileAndSettings() {
        String account = "a".repeat(32);
        users.insert(new User("IBMid-MEMBER0003", "kept@example.com", "Kim", "Kept", false, T0));
        users.insertMembership(new Membership(account, "IBMid-MEMBER0003", "IBMid-OWNER00001", Membership.PENDING, T0));
        MemberSettings limited = new MemberSettings("", "", "203.0.113.0/24", false);
        assertThat(users.updateMember(account, "IBMid-MEMBER0003", MemberProfile.NONE, limited, 0)).isTrue();
        assertThat(users.activate(account, "IBMid-MEMBER0003", T0)).isTrue();
        Membership active = users.membership(account, "IBMid-MEMBER0003").orElseThrow();
        assertThat(active.isActive()).isTrue();
        assertThat(active.settings()).isEqualTo(limited);
        assertThat(active.version()).isEqualTo(1);
    }

    @Test
    void deleteForIdentityRemovesThatIdentitysKeysOnlyWithTheirHistory() {
        keys.insert(key("ApiKey-1", "one", "iam-ServiceId-1", hash(1)), entry("create"));
        keys.insert(key("ApiKey-2", "two", "iam-ServiceId-1", hash(2)), entry("create"));
        keys.insert(key("ApiKey-3", "other", "iam-ServiceId-2", hash(3)), entry("create"));
        assertThat(keys.deleteForIdentity("b".repeat(32), "iam-ServiceId-1")).as("another account").isEmpty();
        assertThat(keys.deleteForIdentity("a".repeat(32), "iam-ServiceId-1")).extracting(ApiKey::id)
                .containsExactlyInAnyOrder("ApiKey-1", "ApiKey-2");
        assertThat(keys.findByHash(hash(1))).isEmpty();
        assertThat(keys.find("ApiKey-2")).isEmpty();
        assertThat(keys.history("ApiKey-1")).isEmpty();
        assertThat(keys.find("ApiKey-3")).isPresent();
        assertThat(keys.deleteForIdentity("a".repeat(32), "iam-ServiceId-1")).isEmpty();
    }

    @Test
    void serviceIdTransactionRollsBackWithTheOtherStores() {
        assertThatThrownBy(() -> tx.inTransaction(() -> {
            serviceIds.insert(serviceId("r", "rolled back", List.of("crn:v1:r")), entry("create"));
            keys.insert(key("ApiKey-r", "r", "iam-ServiceId-r", hash(5)), new byte[] {1}, entry("create"));
            policies.insert(policy("p-r", "iam-ServiceId-r", null));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(serviceIds.find("ServiceId-r")).isEmpty();
        assertThat(keys.find("ApiKey-r")).isEmpty();
        assertThat(policies.find("p-r")).isEmpty();
    }

    @Test
    void sessionsKeepTheAccountOfTheKeyTheyWereOpenedWith() {
        SessionStore sessions = stores.sessions();
        ConsoleSession fromKey = new ConsoleSession(hash(4), "IBMid-OWNER00001", "a".repeat(32), "csrf-4", T0,
                T0.plusSeconds(3600), "b".repeat(32));
        sessions.insert(fromKey);
        assertThat(sessions.find(hash(4))).contains(fromKey);
        assertThat(sessions.find(hash(4)).orElseThrow().principal().authnAccountId()).isEqualTo("b".repeat(32));
    }

    @Test
    void sessionsAreFoundByTheirHashAndEndByDeletionByIdentityOrByExpiry() {
        SessionStore sessions = stores.sessions();
        ConsoleSession a = new ConsoleSession(hash(1), "IBMid-OWNER00001", "a".repeat(32), "csrf-1", T0,
                T0.plusSeconds(3600));
        ConsoleSession b = new ConsoleSession(hash(2), "IBMid-OWNER00001", "b".repeat(32), "csrf-2", T0,
                T0.plusSeconds(60));
        ConsoleSession c = new ConsoleSession(hash(3), "IBMid-OTHER00001", "a".repeat(32), "csrf-3", T0,
                T0.plusSeconds(7200));
        sessions.insert(a);
        sessions.insert(b);
        sessions.insert(c);
        assertThat(sessions.find(hash(1))).contains(a);
        assertThatThrownBy(() -> sessions.insert(a)).as("the id is unique").isInstanceOf(RuntimeException.class);
        assertThat(sessions.deleteExpired(T0.plusSeconds(61))).isEqualTo(1);
        assertThat(sessions.find(hash(2))).isEmpty();
        assertThat(sessions.delete(hash(1))).isTrue();
        assertThat(sessions.delete(hash(1))).isFalse();
        sessions.insert(b);
        assertThat(sessions.deleteAllOf("IBMid-OWNER00001")).isEqualTo(1);
        assertThat(sessions.find(hash(3))).contains(c);
    }

    @Test
    void passwordResetsAreFoundByTheirHashWorkOnceAndEndByIdentityOrByExpiry() {
        PasswordResetStore resets = stores.passwordResets();
        PasswordReset a = new PasswordReset(hash(11), "IBMid-OWNER00001", T0, T0.plusSeconds(3600));
        PasswordReset b = new PasswordReset(hash(12), "IBMid-OWNER00001", T0, T0.plusSeconds(60));
        PasswordReset c = new PasswordReset(hash(13), "IBMid-OTHER00001", T0, T0.plusSeconds(7200));
        resets.insert(a);
        resets.insert(b);
        resets.insert(c);
        assertThat(resets.find(hash(11))).contains(a);
        assertThat(resets.find(hash(14))).isEmpty();
        assertThatThrownBy(() -> resets.insert(a)).as("the hash is unique").isInstanceOf(RuntimeException.class);
        assertThat(resets.deleteExpired(T0.plusSeconds(61))).isEqualTo(1);
        assertThat(resets.find(hash(12))).isEmpty();
        assertThat(resets.delete(hash(11))).as("the first use").isTrue();
        assertThat(resets.delete(hash(11))).as("a second use").isFalse();
        resets.insert(a);
        resets.insert(b);
        assertThat(resets.deleteAllOf("IBMid-OWNER00001")).isEqualTo(2);
        assertThat(resets.find(hash(13))).contains(c);
    }

    @Test
    void aPasswordResetRollsBackWithTheOtherStores() {
        assertThatThrownBy(() -> tx.inTransaction(() -> {
            stores.passwordResets().insert(new PasswordReset(hash(15), "IBMid-OWNER00001", T0, T0.plusSeconds(60)));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(stores.passwordResets().find(hash(15))).isEmpty();
    }

    @Test
    void activityReportsKeepTheirLinesInOrderAndAnAccountOnlyItsNewest() {
        ActivityReportStore reports = stores.activityReports();
        List<InactiveIdentity> lines = List.of(
                new InactiveIdentity(InactiveIdentity.Kind.USER, "IBMid-OWNER00001", "Olga Owner", null, null,
                        "olga@example.com", T0),
                new InactiveIdentity(InactiveIdentity.Kind.SERVICEID_APIKEY, "ApiKey-1", "deploy", "ServiceId-1",
                        "ci", null, null),
                new InactiveIdentity(InactiveIdentity.Kind.SERVICEID, "ServiceId-1", "ci", null, null, null, null));
        ActivityReport first = new ActivityReport("r1", "acct-1", "IBMid-OWNER00001", 720,
                T0.minusSeconds(720 * 3600), T0, lines);
        ActivityReport second = new ActivityReport("r2", "acct-1", "IBMid-OWNER00001", 24, T0.minusSeconds(86_400 - 60),
                T0.plusSeconds(60), List.of());
        ActivityReport other = new ActivityReport("r3", "acct-2", "IBMid-OTHER00001", 1, T0.minusSeconds(3600),
                T0.plusSeconds(120), List.of());
        reports.insert(first, 2);
        reports.insert(other, 2);
        assertThat(reports.find("acct-1", "r1")).contains(first);
        assertThat(reports.find("acct-2", "r1")).as("another account's reference").isEmpty();
        assertThat(reports.latest("acct-1")).contains(first);
        reports.insert(second, 2);
        assertThat(reports.latest("acct-1")).contains(second);
        reports.insert(new ActivityReport("r4", "acct-1", "IBMid-OWNER00001", 1, T0, T0.plusSeconds(180), List.of()),
                2);
        assertThat(reports.find("acct-1", "r1")).as("the oldest beyond two is gone").isEmpty();
        assertThat(reports.find("acct-1", "r2")).contains(second);
        assertThat(reports.latest("acct-2")).contains(other);
        assertThat(reports.latest("acct-3")).isEmpty();
    }
}
