package dev.latchkey.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.apikey.Activity;
import dev.latchkey.core.apikey.ApiKey;
import dev.latchkey.core.apikey.FoundKey;
import dev.latchkey.core.apikey.KeyUses;
import dev.latchkey.core.identity.Membership;
import dev.latchkey.core.identity.User;
import dev.latchkey.core.serviceid.ServiceId;
import dev.latchkey.core.token.StoredSigningKey;
import dev.latchkey.store.apikey.CachingApiKeyStore;
import dev.latchkey.store.identity.CachingUserStore;
import dev.latchkey.store.serviceid.CachingServiceIdStore;
import dev.latchkey.store.settings.CachingAccountSettingsStore;
import dev.latchkey.store.token.JdbcSigningKeyStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The part of the store contract that is about a database, run only on H2 and PostgreSQL: the caching stores,
 * which hear of writes made past them (as by another node) only through the database's change feed, and rows
 * written with SQL behind a cache's back. Everything else is in {@link StoreContract}, which this runs as well.
 */
abstract class DatabaseStoreContract extends StoreContract {
    /** Caches that keep what they read far longer than a test: whatever changes, the change feed must say it. */
    static final CacheTiming LONG_CACHE = new CacheTiming(Duration.ofMinutes(5), Duration.ofMinutes(5), 100);

    Database db;

    /** A fresh, migrated database. */
    abstract Database openDatabase();

    @Override
    final StoresUnderTest open() {
        db = openDatabase();
        return StoresUnderTest.jdbc(db);
    }

    @Test
    void cachedSettingsRememberAbsenceUntilTheChangeFeedReportsASave() {
        CachingAccountSettingsStore cached = new CachingAccountSettingsStore(settings, db.changes(), LONG_CACHE);
        assertThat(cached.find(ACCOUNT)).isEmpty();
        db.jdbi().useHandle(h -> h.execute("INSERT INTO account_settings (account_id, restrict_create_service_id, "
                + "restrict_create_platform_apikey, allowed_ip_addresses, mfa, session_expiration_in_seconds, "
                + "session_invalidation_in_seconds, max_sessions_per_identity, "
                + "system_access_token_expiration_in_seconds, system_refresh_token_expiration_in_seconds, "
                + "restrict_user_list_visibility, version) VALUES (?, 'NOT_SET', 'NOT_SET', '', 'NONE', "
                + "'86400', '7200', 'NOT_SET', '3600', '259200', 'NOT_RESTRICTED', 1)", ACCOUNT));
        assertThat(cached.find(ACCOUNT)).as("absence is served from memory").isEmpty();
        assertThat(settings.save(settingsAt(2, "RESTRICTED"), 1, settingsEntry("past the cache"))).as(
                "written past the cache, as another node would").isTrue();
        assertThat(cached.find(ACCOUNT)).as("evicted by the feed after the commit").contains(settingsAt(2, "RESTRICTED"));
        assertThat(cached.save(settingsAt(3, "NOT_RESTRICTED"), 2, settingsEntry("through the cache"))).isTrue();
        assertThat(cached.find(ACCOUNT)).contains(settingsAt(3, "NOT_RESTRICTED"));
        assertThat(cached.save(settingsAt(4, "NOT_SET"), 2, settingsEntry("stale"))).isFalse();
        assertThat(cached.find(ACCOUNT)).contains(settingsAt(3, "NOT_RESTRICTED"));
    }

    @Test
    void signingKeyChangesAreAnnouncedOnTheChangeFeedAndALostInsertIsNot() {
        List<String> heard = new CopyOnWriteArrayList<>();
        db.changes().subscribe(JdbcSigningKeyStore.TOPIC, heard::add, () -> heard.add("*"));
        signingKeys.insert(signingKey("k1", T0, StoredSigningKey.FIRST));
        signingKeys.insert(signingKey("k1-lost", T0, StoredSigningKey.FIRST));
        signingKeys.retire("k1", T0.plusSeconds(1));
        signingKeys.retire("k1", T0.plusSeconds(2));
        assertThat(heard).containsExactly("k1", "k1");
    }

    @Test
    void ofTwoKeysInsertedAtOnceAfterTheSameKeyOneIsStored() throws Exception {
        signingKeys.insert(signingKey("k1", T0, StoredSigningKey.FIRST));
        for (int round = 1; round <= 5; round++) {
            String after = signingKeys.all().getLast().kid();
            Instant created = T0.plusSeconds(round);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> inserts = new ArrayList<>();
            try (var pool = Executors.newFixedThreadPool(2)) {
                for (String node : List.of("a", "b")) {
                    inserts.add(pool.submit(() -> {
                        start.await();
                        return signingKeys.insert(signingKey(after + node, created, after));
                    }));
                }
                start.countDown();
            }
            assertThat(List.of(inserts.get(0).get(), inserts.get(1).get())).as("round %d", round)
                    .containsExactlyInAnyOrder(true, false);
        }
        assertThat(signingKeys.all()).hasSize(6);
    }

    @Test
    void aKeysActivityAndUsageGoWithItAndWhatAFlushLeftIsPruned() {
        keys.insert(key("ApiKey-1", "one", "IBMid-OWNER00001", hash(1)), entry("create"));
        keys.insert(key("ApiKey-2", "two", "iam-ServiceId-1", hash(2)), entry("create"));
        keys.insert(key("ApiKey-3", "three", "IBMid-OWNER00001", hash(3)), entry("create"));
        for (String id : List.of("ApiKey-1", "ApiKey-2", "ApiKey-3")) {
            KeyUses used = KeyUses.builder(1).oneDay(id, T0, 1).build();
            keys.addActivity(used);
            stores.keyUsage().add(used);
        }
        // a flush of a key deleted since its use writes its rows all the same (decision 0053): the flush does not
        // look keys up, and the prune below takes what it left
        keys.insert(key("ApiKey-gone", "gone", "IBMid-OWNER00001", hash(4)), entry("create"));
        assertThat(keys.delete("ApiKey-gone", 1)).isTrue();
        KeyUses orphan = KeyUses.builder(1).oneDay("ApiKey-gone", T0, 4).build();
        keys.addActivity(orphan);
        stores.keyUsage().add(orphan);

        assertThat(keys.delete("ApiKey-1", 1)).isTrue();
        assertThat(keys.deleteForIdentity(ACCOUNT, "iam-ServiceId-1")).hasSize(1);
        assertThat(rowsOf("ApiKey-1")).as("deleted with the key").isZero();
        assertThat(rowsOf("ApiKey-2")).as("deleted with its identity's keys").isZero();
        assertThat(rowsOf("ApiKey-3")).as("another key's rows stay").isEqualTo(2);
        assertThat(rowsOf("ApiKey-gone")).isEqualTo(2);

        assertThat(keys.deleteActivityOfDeletedKeys()).isEqualTo(1);
        assertThat(rowsOf("ApiKey-gone")).as("its activity is gone, its usage day waits for retention").isEqualTo(1);
        assertThat(rowsOf("ApiKey-3")).isEqualTo(2);
        assertThat(keys.activity("ApiKey-3")).isEqualTo(new Activity(T0, 1));

        assertThat(stores.keyUsage().deleteBefore(LocalDate.parse("2000-01-01"))).isZero();
        assertThat(stores.keyUsage().deleteBefore(LocalDate.parse("2026-01-03"))).as("ApiKey-3's day and the orphan's")
                .isEqualTo(2);
        assertThat(rowsOf("ApiKey-gone")).isZero();
        assertThat(rowsOf("ApiKey-3")).as("its activity").isEqualTo(1);
    }

    /** A key's rows in api_key_activity and api_key_usage. */
    private int rowsOf(String keyId) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT (SELECT COUNT(*) FROM api_key_activity WHERE api_key_id "
                + "= :id) + (SELECT COUNT(*) FROM api_key_usage WHERE api_key_id = :id)").bind("id", keyId)
                .mapTo(Integer.class).one());
    }

    @Test
    void keysReadBackShareOneInstanceOfTheirAccountIdentityAndCreatorIds() {
        // H2 hands out one instance of a repeated value by itself; PostgreSQL's driver makes a new one per read
        keys.insert(key("ApiKey-1", "one", "IBMid-OWNER00001", hash(1)), entry("create"));
        keys.insert(key("ApiKey-2", "two", "IBMid-OWNER00001", hash(2)), entry("create"));
        ApiKey one = keys.findByHash(hash(1)).orElseThrow();
        ApiKey two = keys.findByHash(hash(2)).orElseThrow();
        assertThat(two.accountId()).as("the account id, read twice").isSameAs(one.accountId());
        assertThat(two.iamId()).as("the identity").isSameAs(one.iamId());
        assertThat(two.createdBy()).as("the creator").isSameAs(one.createdBy());
        assertThat(two.id()).as("two rows, not one read twice").isEqualTo("ApiKey-2");
    }

    /**
     * A cache miss made inside a transaction is read on the transaction's connection, as every store call there is
     * (decision 0050): it sees what the transaction wrote, and it needs no second connection of the pool, which
     * callers that all hold one could otherwise wait for until the pool's timeout.
     */
    @Test
    void aMissInsideATransactionIsReadInThatTransaction() {
        CachingApiKeyStore cached = new CachingApiKeyStore(keys, db.changes(), LONG_CACHE, db::holdsConnection);
        ApiKey key = key("ApiKey-1", "one", "iam-ServiceId-1", hash(1));
        assertThat(db.holdsConnection()).isFalse();
        Optional<ApiKey> found = db.inTransaction(() -> {
            assertThat(db.holdsConnection()).isTrue();
            keys.insert(key, entry("create"));
            return cached.findByHash(hash(1));
        });
        assertThat(found).as("the transaction's own, not yet committed row").contains(key);
        assertThat(db.holdsConnection()).isFalse();
    }

    /**
     * A key read by its hash holds the caller's string for that hash, current or previous, not an equal copy from the
     * row, and so does the answer's map: the cache keeps its entry under the caller's string, and the entry holds the
     * hash once.
     */
    @Test
    void aKeyReadByItsHashHoldsTheCallersStringForIt() {
        ApiKey key = key("ApiKey-1", "one", "iam-ServiceId-1", hash(1));
        keys.insert(key, entry("create"));
        String asked = new String(hash(1).toCharArray()); // a string of its own, as a request's digest is
        Map<String, FoundKey> found = keys.findByHashesWithLinks(List.of(asked, hash(9)));
        assertThat(found).containsOnlyKeys(asked);
        assertThat(found.keySet().iterator().next()).isSameAs(asked);
        assertThat(found.get(asked).key()).isEqualTo(key);
        assertThat(found.get(asked).key().hash()).isSameAs(asked);

        ApiKey rotated = key.rotated(hash(2), "lk_new1", T0.plusSeconds(60), T0.plusSeconds(1));
        assertThat(keys.rotate(rotated, 1, null, entry("rotate"))).isTrue();
        String old = new String(hash(1).toCharArray());
        FoundKey byOld = keys.findByHashesWithLinks(List.of(old)).get(old);
        assertThat(byOld.key()).isEqualTo(rotated);
        assertThat(byOld.key().previousHash()).isSameAs(old);
    }

    @Test
    void deleteForIdentityRemovesThatIdentitysKeysOnlyAndForgetsCachedHashes() {
        CachingApiKeyStore cached = new CachingApiKeyStore(keys, db.changes(), LONG_CACHE, db::holdsConnection);
        cached.insert(key("ApiKey-1", "one", "iam-ServiceId-1", hash(1)), entry("create"));
        cached.insert(key("ApiKey-2", "two", "iam-ServiceId-1", hash(2)), entry("create"));
        cached.insert(key("ApiKey-3", "other", "iam-ServiceId-2", hash(3)), entry("create"));
        assertThat(cached.findByHash(hash(1))).isPresent();
        assertThat(cached.deleteForIdentity("a".repeat(32), "iam-ServiceId-1")).extracting(ApiKey::id)
                .containsExactlyInAnyOrder("ApiKey-1", "ApiKey-2");
        assertThat(cached.findByHash(hash(1))).as("evicted from the cache").isEmpty();
        assertThat(keys.find("ApiKey-2")).isEmpty();
        assertThat(keys.history("ApiKey-1")).isEmpty();
        assertThat(keys.find("ApiKey-3")).isPresent();
        assertThat(cached.deleteForIdentity("a".repeat(32), "iam-ServiceId-1")).isEmpty();
    }

    @Test
    void aRotationEvictsTheCachedKeyUnderItsOldAndItsDroppedPreviousHash() {
        CachingApiKeyStore cached = new CachingApiKeyStore(keys, db.changes(), LONG_CACHE, db::holdsConnection);
        ApiKey key = key("ApiKey-1", "one", "IBMid-OWNER00001", hash(1));
        cached.insert(key, entry("create"));
        assertThat(cached.findByHash(hash(1))).contains(key);
        ApiKey rotated = key.rotated(hash(2), "lk_new1", T0.plusSeconds(60), T0.plusSeconds(1));
        assertThat(keys.rotate(rotated, 1, null, entry("rotate"))).as("written past the cache, as another node would")
                .isTrue();
        assertThat(cached.findByHash(hash(1))).as("the old value now finds the rotated key").contains(rotated);
        assertThat(cached.findByHash(hash(2))).contains(rotated);
        ApiKey disabled = rotated.withDisabled(true, T0.plusSeconds(2));
        assertThat(keys.update(disabled, 2, entry("disable"))).isTrue();
        assertThat(cached.findByHash(hash(1))).as("an update evicts the previous hash too").contains(disabled);
        ApiKey again = disabled.rotated(hash(3), "lk_new2", null, T0.plusSeconds(3));
        assertThat(keys.rotate(again, 3, null, entry("rotate"))).isTrue();
        assertThat(cached.findByHash(hash(1))).as("the dropped previous hash is evicted").isEmpty();
        assertThat(cached.findByHash(hash(2))).isEmpty();
        assertThat(cached.findByHash(hash(3))).contains(again);
        assertThat(cached.delete("ApiKey-1", 4)).isTrue();
        assertThat(cached.findByHash(hash(3))).isEmpty();
    }

    @Test
    void cachedServiceIdIsForgottenWhenTheChangeFeedReportsItsUpdateOrDelete() {
        CachingServiceIdStore cached = new CachingServiceIdStore(serviceIds, db.changes(), LONG_CACHE);
        ServiceId original = serviceId("1", "billing", List.of());
        cached.insert(original, entry("create"));
        assertThat(cached.findForToken("ServiceId-1")).contains(original);
        db.jdbi().useHandle(h -> h.execute("UPDATE service_ids SET name = 'behind the cache' WHERE id = 'ServiceId-1'"));
        assertThat(cached.findForToken("ServiceId-1")).as("served from memory").contains(original);
        assertThat(cached.find("ServiceId-1").orElseThrow().name()).as("management reads are current")
                .isEqualTo("behind the cache");
        ServiceId renamed = original.withDetails("renamed", null, List.of(), T0.plusSeconds(1));
        assertThat(serviceIds.update(renamed, 1, entry("update"))).as("written past the cache, as another node would")
                .isTrue();
        assertThat(cached.findForToken("ServiceId-1")).as("evicted by the feed after the commit").contains(renamed);
        assertThat(cached.delete("ServiceId-1", 2)).isTrue();
        assertThat(cached.findForToken("ServiceId-1")).isEmpty();
    }

    @Test
    void cachedMembershipIsForgottenWhenTheChangeFeedReportsItsActivationOrRemoval() {
        CachingUserStore cached = new CachingUserStore(users, db.changes(), LONG_CACHE);
        String account = "a".repeat(32);
        users.insert(new User("IBMid-MEMBER0001", "member@example.com", "Mia", "Member", false, T0));
        users.insertMembership(new Membership(account, "IBMid-MEMBER0001", "IBMid-OWNER00001", Membership.PENDING, T0));
        assertThat(cached.membership(account, "IBMid-MEMBER0001")).hasValueSatisfying(m -> assertThat(m.isActive())
                .isFalse());
        assertThat(users.activate(account, "IBMid-MEMBER0001", T0)).as("written past the cache, as another node would")
                .isTrue();
        assertThat(cached.membership(account, "IBMid-MEMBER0001")).hasValueSatisfying(m -> assertThat(m.isActive())
                .as("evicted by the feed after the commit").isTrue());
        assertThat(users.deleteMembership(account, "IBMid-MEMBER0001")).isTrue();
        assertThat(cached.membership(account, "IBMid-MEMBER0001")).isEmpty();
    }

    @Test
    void cachedMembershipIsForgottenWhenTheChangeFeedReportsAChangeOfItsSettings() {
        CachingUserStore cached = new CachingUserStore(users, db.changes(), LONG_CACHE);
        String account = "a".repeat(32);
        Membership read = cached.membership(account, "IBMid-OWNER00001").orElseThrow();
        db.jdbi().useHandle(h -> h.execute("UPDATE account_members SET language = 'behind the cache'"));
        assertThat(cached.membership(account, "IBMid-OWNER00001")).as("served from memory").contains(read);
        var limited = new dev.latchkey.core.identity.MemberSettings("fr", "", "10.0.0.0/8", false);
        assertThat(users.updateMember(account, "IBMid-OWNER00001", read.profile(), limited, 0))
                .as("written past the cache, as another node would").isTrue();
        assertThat(cached.membership(account, "IBMid-OWNER00001").orElseThrow().settings())
                .as("evicted by the feed after the commit").isEqualTo(limited);
        var open = new dev.latchkey.core.identity.MemberSettings("fr", "", "", false);
        assertThat(cached.updateMember(account, "IBMid-OWNER00001", read.profile(), open, 1)).isTrue();
        assertThat(cached.membership(account, "IBMid-OWNER00001").orElseThrow().settings()).isEqualTo(open);
    }
}
