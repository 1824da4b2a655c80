package dev.latchkey.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.account.Account;
import dev.latchkey.core.apikey.ApiKey;
import dev.latchkey.core.apikey.ApiKeyStore;
import dev.latchkey.core.apikey.FoundKey;
import dev.latchkey.core.apikey.LeakAction;
import dev.latchkey.core.common.HistoryEntry;
import dev.latchkey.core.common.Transactor;
import dev.latchkey.core.identity.User;
import dev.latchkey.core.resource.ResourceInstance;
import dev.latchkey.core.resource.ResourceKey;
import dev.latchkey.core.resource.ResourcePlan;
import dev.latchkey.core.resource.ResourcePlanStore;
import dev.latchkey.core.resource.ResourceState;
import dev.latchkey.core.resource.ResourceStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The resource store's behaviour, run against each database (H2 and PostgreSQL subclasses) and against core's
 * in-memory fake.
 */
abstract class ResourceStoreContract {
    static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");
    static final String ACCOUNT = "a".repeat(32);
    static final String OWNER = "IBMid-OWNER00001";
    StoresUnderTest stores;
    Transactor tx;
    ResourceStore store;
    ApiKeyStore keys;

    /** Fresh, empty stores. */
    abstract StoresUnderTest open();

    @BeforeEach
    void setUp() {
        stores = open();
        tx = stores.tx();
        store = stores.resources();
        keys = stores.keys();
        stores.users().insert(new User(OWNER, "owner@example.com", "O", "W", false, T0));
        stores.accounts().insert(new Account(ACCOUNT, "Acme", OWNER, T0));
        stores.accounts().insert(new Account("b".repeat(32), "Other", OWNER, T0));
    }

    @AfterEach
    void tearDown() {
        stores.close();
    }

    static ResourceInstance instance(String guid, String account, String name, String service, int minute) {
        Instant at = T0.plusSeconds(60L * minute);
        return new ResourceInstance(guid, account, name, service, "plan-free", "default", "us-south",
                ResourceState.ACTIVE, false, "create", at, OWNER, at, OWNER, null, null, at, OWNER, 1);
    }

    static ResourceKey key(String guid, String instanceGuid, String name, String apiKeyId, int minute) {
        Instant at = T0.plusSeconds(60L * minute);
        return new ResourceKey(guid, ACCOUNT, instanceGuid, "books", "default", name,
                "crn:v1:bluemix:public:iam::::serviceRole:Writer", "ServiceId-" + guid, true, apiKeyId, "p-" + guid,
                ResourceState.ACTIVE, at, OWNER, at, OWNER, null, null, 1);
    }

    static ResourceStore.InstanceQuery instances(String name, String service, List<ResourceState> states) {
        return new ResourceStore.InstanceQuery(ACCOUNT, null, name, service, null, null, states, 0, 10);
    }

    @Test
    void instanceRoundTripsExactlyAndAnUpdateNeedsTheVersionItRead() {
        ResourceInstance books = instance("i-1", ACCOUNT, "shelf one", "books", 0);
        store.insertInstance(books);
        assertThat(store.findInstance("i-1")).contains(books);
        assertThat(store.findInstance("i-2")).isEmpty();
        assertThat(tx.inTransaction(() -> store.lockInstance("i-1"))).contains(books);
        assertThat(tx.inTransaction(() -> store.lockInstance("i-2"))).isEmpty();

        ResourceInstance locked = books.withLocked(true, "IBMid-EDITOR0001", T0.plusSeconds(5));
        assertThat(store.updateInstance(locked, 1)).isTrue();
        assertThat(store.updateInstance(books.renamed("stale", OWNER, T0), 1)).as("stale version").isFalse();
        ResourceInstance removed = locked.removed(OWNER, T0.plusSeconds(9));
        assertThat(store.updateInstance(removed, 2)).isTrue();
        ResourceInstance stored = store.findInstance("i-1").orElseThrow();
        assertThat(stored).isEqualTo(removed);
        assertThat(stored.state()).isEqualTo(ResourceState.REMOVED);
        assertThat(stored.deletedAt()).isEqualTo(T0.plusSeconds(9));
        assertThat(stored.lastOperation()).isEqualTo("delete");
        assertThat(stored.name()).isEqualTo("shelf one");
    }

    @Test
    void anUpdateChangesThePlanAndSinceWhenAndLeavesWhatTheSqlDoesNotSet() {
        ResourceInstance books = instance("i-1", ACCOUNT, "shelf", "books", 0);
        store.insertInstance(books);
        ResourceInstance moved = books.updated("shelf", "gold", "IBMid-EDITOR0001", T0.plusSeconds(60));
        assertThat(store.updateInstance(moved, 1)).isTrue();
        assertThat(store.findInstance("i-1")).contains(moved);
        assertThat(moved.planSince()).isEqualTo(T0.plusSeconds(60));
        assertThat(moved.planSetBy()).isEqualTo("IBMid-EDITOR0001");
        ResourceInstance renamed = moved.updated("renamed", "gold", OWNER, T0.plusSeconds(120));
        assertThat(store.updateInstance(renamed, 2)).isTrue();
        assertThat(store.findInstance("i-1").orElseThrow().planSince()).as("a rename keeps the plan's time")
                .isEqualTo(T0.plusSeconds(60));
        assertThat(store.listInstances(new ResourceStore.InstanceQuery(ACCOUNT, null, null, null, null, "gold",
                List.of(ResourceState.ACTIVE), 0, 10)).items()).extracting(ResourceInstance::guid).containsExactly("i-1");
    }

    static ResourcePlan plan(String account, String id, String service, int minute) {
        return new ResourcePlan(id, account, service, "Plan " + id, T0.plusSeconds(60L * minute), OWNER);
    }

    @Test
    void plansRoundTripAreUniquePerAccountOnlyAndListInRegistrationOrderByService() {
        ResourcePlanStore plans = stores.resourcePlans();
        ResourcePlan gold = plan(ACCOUNT, "gold", "books", 2);
        assertThat(plans.insert(gold)).isTrue();
        assertThat(plans.insert(plan(ACCOUNT, "silver", "books", 1))).isTrue();
        assertThat(plans.insert(plan(ACCOUNT, "reel", "films", 3))).isTrue();
        assertThat(plans.insert(plan(ACCOUNT, "gold", "films", 4))).as("the id is taken in this account").isFalse();
        assertThat(plans.insert(plan("b".repeat(32), "gold", "films", 0))).as("another account's own").isTrue();

        assertThat(plans.find(ACCOUNT, "gold")).contains(gold);
        assertThat(plans.find(ACCOUNT, "GOLD")).as("ids are exact").isEmpty();
        assertThat(plans.find("b".repeat(32), "gold").orElseThrow().serviceName()).isEqualTo("films");
        assertThat(tx.inTransaction(() -> plans.lock(ACCOUNT, "gold"))).contains(gold);
        assertThat(tx.inTransaction(() -> plans.lock(ACCOUNT, "none"))).isEmpty();

        assertThat(plans.list(new ResourcePlanStore.Query(ACCOUNT, null, 0, 10)).items()).extracting(ResourcePlan::id)
                .containsExactly("silver", "gold", "reel");
        assertThat(plans.list(new ResourcePlanStore.Query(ACCOUNT, "books", 0, 10)).items())
                .extracting(ResourcePlan::id).containsExactly("silver", "gold");
        var first = plans.list(new ResourcePlanStore.Query(ACCOUNT, null, 0, 2));
        assertThat(first.items()).extracting(ResourcePlan::id).containsExactly("silver", "gold");
        assertThat(first.hasMore()).isTrue();
        var last = plans.list(new ResourcePlanStore.Query(ACCOUNT, null, 2, 2));
        assertThat(last.items()).extracting(ResourcePlan::id).containsExactly("reel");
        assertThat(last.hasMore()).isFalse();

        assertThat(plans.delete(ACCOUNT, "gold")).isTrue();
        assertThat(plans.delete(ACCOUNT, "gold")).isFalse();
        assertThat(plans.find(ACCOUNT, "gold")).isEmpty();
        assertThat(plans.find("b".repeat(32), "gold")).as("the other account's stays").isPresent();
    }

    @Test
    void aPlanWrittenInATransactionThatFailsIsNotThere() {
        ResourcePlanStore plans = stores.resourcePlans();
        assertThatThrownBy(() -> tx.inTransaction(() -> {
            plans.insert(plan(ACCOUNT, "gold", "books", 0));
            throw new IllegalStateException("after the insert");
        })).hasMessage("after the insert");
        assertThat(plans.find(ACCOUNT, "gold")).isEmpty();
        plans.insert(plan(ACCOUNT, "gold", "books", 0));
        assertThatThrownBy(() -> tx.inTransaction(() -> {
            plans.delete(ACCOUNT, "gold");
            throw new IllegalStateException("after the delete");
        })).hasMessage("after the delete");
        assertThat(plans.find(ACCOUNT, "gold")).isPresent();
    }

    @Test
    void instanceListFiltersByAccountFieldsAndStateInCreationOrderAndPages() {
        store.insertInstance(instance("i-3", ACCOUNT, "third", "films", 3));
        store.insertInstance(instance("i-1", ACCOUNT, "first", "books", 1));
        store.insertInstance(instance("i-2", ACCOUNT, "second", "books", 2));
        store.insertInstance(instance("i-x", "b".repeat(32), "first", "books", 0));
        ResourceInstance gone = instance("i-4", ACCOUNT, "first", "books", 4);
        store.insertInstance(gone);
        store.updateInstance(gone.removed(OWNER, T0), 1);

        assertThat(store.listInstances(instances(null, null, null)).items()).extracting(ResourceInstance::guid)
                .containsExactly("i-1", "i-2", "i-3", "i-4");
        assertThat(store.listInstances(instances(null, null, List.of(ResourceState.ACTIVE))).items())
                .extracting(ResourceInstance::guid).containsExactly("i-1", "i-2", "i-3");
        assertThat(store.listInstances(instances("first", "books", List.of(ResourceState.ACTIVE))).items())
                .extracting(ResourceInstance::guid).containsExactly("i-1");
        assertThat(store.listInstances(instances(null, null, List.of(ResourceState.REMOVED))).items())
                .extracting(ResourceInstance::guid).containsExactly("i-4");
        assertThat(store.listInstances(instances(null, null, List.of())).items()).as("no state asked for").isEmpty();
        assertThat(store.listInstances(new ResourceStore.InstanceQuery(ACCOUNT, "i-2", null, null, "default",
                "plan-free", null, 0, 10)).items()).extracting(ResourceInstance::guid).containsExactly("i-2");
        assertThat(store.listInstances(new ResourceStore.InstanceQuery(ACCOUNT, null, null, null, "other", null, null,
                0, 10)).items()).isEmpty();

        var first = store.listInstances(new ResourceStore.InstanceQuery(ACCOUNT, null, null, null, null, null,
                List.of(ResourceState.ACTIVE), 0, 2));
        assertThat(first.items()).extracting(ResourceInstance::guid).containsExactly("i-1", "i-2");
        assertThat(first.hasMore()).isTrue();
        var last = store.listInstances(new ResourceStore.InstanceQuery(ACCOUNT, null, null, null, null, null,
                List.of(ResourceState.ACTIVE), 2, 2));
        assertThat(last.items()).extracting(ResourceInstance::guid).containsExactly("i-3");
        assertThat(last.hasMore()).as("a full last page has no next").isFalse();
    }

    /**
     * Keyset paging (decision 0038): 13 active instances made at three times, their guids out of step with the order
     * they were made in, beside removed ones and another account's. Walking from the start, each page read after the
     * last instance of the one before, visits each active one once, oldest first and by guid among those made at the
     * same time, for every page size; so do the active keys; and the pages by offset agree.
     */
    @Test
    void pagesAfterAPositionVisitEveryRowOnceOldestFirstByGuidAmongTies() {
        List<ResourceInstance> made = new ArrayList<>();
        List<ResourceKey> madeKeys = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String guid = String.format("i-%02d", (i * 5) % 16);
            ResourceInstance instance = instance(guid, ACCOUNT, "n" + i, "books", i % 3);
            store.insertInstance(instance);
            if (i % 5 == 4) {
                store.updateInstance(instance.removed(OWNER, T0.plusSeconds(600)), 1);
            } else {
                made.add(instance);
            }
            ResourceKey key = key("k-" + guid, guid, "key" + i, "ApiKey-" + i, i % 3);
            store.insertKey(key);
            madeKeys.add(key);
        }
        store.insertInstance(instance("i-other", "b".repeat(32), "other", "books", 1));
        List<String> expected = made.stream().map(ResourceStore.Position::of)
                .sorted(Comparator.comparing(ResourceStore.Position::createdAt)
                        .thenComparing(ResourceStore.Position::guid))
                .map(ResourceStore.Position::guid).toList();
        List<String> expectedKeys = madeKeys.stream().map(ResourceStore.Position::of)
                .sorted(Comparator.comparing(ResourceStore.Position::createdAt)
                        .thenComparing(ResourceStore.Position::guid))
                .map(ResourceStore.Position::guid).toList();
        assertThat(expected).hasSize(13);
        List<ResourceState> active = List.of(ResourceState.ACTIVE);
        for (int size : new int[] {1, 2, 5, 13, 20}) {
            assertThat(ListingWalks.walk((ResourceStore.Position after) -> store.listInstances(
                            new ResourceStore.InstanceQuery(ACCOUNT, null, null, null, null, null, active, 0, size,
                                    after)), ResourceStore.Position::of, ResourceInstance::guid, size))
                    .as("instances in pages of %d by position", size).containsExactlyElementsOf(expected);
            assertThat(ListingWalks.walk((ResourceStore.Position after) -> store.listKeys(
                            new ResourceStore.KeyQuery(ACCOUNT, null, null, null, null, null, 0, size, after)),
                    ResourceStore.Position::of, ResourceKey::guid, size))
                    .as("keys in pages of %d by position", size).containsExactlyElementsOf(expectedKeys);
            List<String> byOffset = new ArrayList<>();
            for (int offset = 0; offset < expected.size(); offset += size) {
                store.listInstances(new ResourceStore.InstanceQuery(ACCOUNT, null, null, null, null, null, active,
                        offset, size)).items().forEach(i -> byOffset.add(i.guid()));
            }
            assertThat(byOffset).as("instances in pages of %d by offset", size).containsExactlyElementsOf(expected);
        }

        // A position whose row is gone still seeks; the answer keeps the offset the caller counted.
        ResourceStore.Position gone = new ResourceStore.Position(T0.plusSeconds(60), "i-055");
        var after = store.listInstances(new ResourceStore.InstanceQuery(ACCOUNT, null, null, null, null, null, active,
                7, 3, gone));
        List<String> rest = made.stream().map(ResourceStore.Position::of)
                .filter(p -> p.createdAt().isAfter(gone.createdAt())
                        || p.createdAt().equals(gone.createdAt()) && p.guid().compareTo(gone.guid()) > 0)
                .sorted(Comparator.comparing(ResourceStore.Position::createdAt)
                        .thenComparing(ResourceStore.Position::guid))
                .map(ResourceStore.Position::guid).toList();
        assertThat(after.items()).extracting(ResourceInstance::guid).containsExactlyElementsOf(rest.subList(0, 3));
        assertThat(after.offset()).isEqualTo(7);
        assertThat(after.hasMore()).isTrue();
        ResourceStore.Position last = ResourceStore.Position.of(made.stream()
                .filter(i -> i.guid().equals(expected.getLast())).findFirst().orElseThrow());
        var end = store.listInstances(new ResourceStore.InstanceQuery(ACCOUNT, null, null, null, null, null, active,
                13, 3, last));
        assertThat(end.items()).isEmpty();
        assertThat(end.hasMore()).isFalse();
        assertThat(store.listKeys(new ResourceStore.KeyQuery(ACCOUNT, null, null, null, null, "i-05", 0, 10,
                new ResourceStore.Position(T0, "k-i-00"))).items()).extracting(ResourceKey::guid)
                .as("the filters hold after a position too").containsExactly("k-i-05");
    }

    @Test
    void keysRoundTripListOnlyActiveOnesAndMapTheirApiKeys() {
        store.insertInstance(instance("i-1", ACCOUNT, "one", "books", 0));
        store.insertInstance(instance("i-2", ACCOUNT, "two", "books", 0));
        ResourceKey first = key("k-1", "i-1", "reader", "ApiKey-1", 1);
        ResourceKey second = key("k-2", "i-1", "writer", "ApiKey-2", 2);
        ResourceKey other = key("k-3", "i-2", "reader", "ApiKey-3", 3);
        store.insertKey(first);
        store.insertKey(second);
        store.insertKey(other);
        assertThat(store.findKey("k-1")).contains(first);

        assertThat(store.updateKey(first.renamed("renamed", OWNER, T0.plusSeconds(1)), 1)).isTrue();
        assertThat(store.updateKey(first.removed(OWNER, T0), 1)).as("stale version").isFalse();
        ResourceKey removed = second.removed(OWNER, T0.plusSeconds(2));
        assertThat(store.updateKey(removed, 1)).isTrue();
        assertThat(store.findKey("k-2")).contains(removed);

        assertThat(store.activeKeysOf("i-1")).extracting(ResourceKey::guid).containsExactly("k-1");
        assertThat(store.listKeys(new ResourceStore.KeyQuery(ACCOUNT, null, null, null, null, null, 0, 10, null))
                .items())
                .extracting(ResourceKey::guid).containsExactly("k-1", "k-3");
        assertThat(store.listKeys(new ResourceStore.KeyQuery(ACCOUNT, null, "reader", "books", "default", "i-2", 0,
                10, null)).items()).extracting(ResourceKey::guid).containsExactly("k-3");
        assertThat(store.listKeys(new ResourceStore.KeyQuery(ACCOUNT, "k-1", null, null, null, null, 0, 10, null))
                .items())
                .extracting(ResourceKey::name).containsExactly("renamed");
        assertThat(store.listKeys(new ResourceStore.KeyQuery("b".repeat(32), null, null, null, null, null, 0, 10, null))
                .items()).isEmpty();
        var page = store.listKeys(new ResourceStore.KeyQuery(ACCOUNT, null, null, null, null, null, 0, 1, null));
        assertThat(page.hasMore()).isTrue();

        assertThat(store.activeKeyCrnsByApiKey(List.of("ApiKey-1", "ApiKey-2", "ApiKey-9"))).isEqualTo(Map.of(
                "ApiKey-1", "crn:v1:bluemix:public:books:global:a/" + ACCOUNT + ":i-1:resource-key:k-1"));
        assertThat(store.activeKeyCrnsByApiKey(List.of())).isEmpty();
    }

    static ApiKey serviceIdKey(String id, int n) {
        return new ApiKey(id, ACCOUNT, "iam-ServiceId-" + n, "k" + n, null, OWNER, T0, T0, null, false, false, false,
                LeakAction.NONE, String.format("%064x", n), "lk_abcd", 1);
    }

    /**
     * The lookup by hash of key details (decision 0039): each key comes with whether a sealed value is stored, never
     * the value, and with the CRN of the live resource key it backs, whichever of its hashes finds it; a removed
     * credential, or another key's, is none of its own.
     */
    @Test
    void aKeyFoundByHashTellsWhetherItsValueIsStoredAndTheLiveCredentialItBacks() {
        store.insertInstance(instance("i-1", ACCOUNT, "one", "books", 0));
        ApiKey plain = serviceIdKey("ApiKey-plain", 1);
        ApiKey stored = serviceIdKey("ApiKey-stored", 2);
        ApiKey credential = serviceIdKey("ApiKey-credential", 3);
        ApiKey credentialUnsealed = serviceIdKey("ApiKey-credential-unsealed", 4);
        ApiKey removed = serviceIdKey("ApiKey-removed", 5);
        HistoryEntry created = new HistoryEntry(T0, OWNER, ACCOUNT, "create", List.of(), "m");
        keys.insert(plain, null, created);
        keys.insert(stored, new byte[] {1}, created);
        keys.insert(credential, new byte[] {2}, created);
        keys.insert(credentialUnsealed, null, created);
        keys.insert(removed, new byte[] {3}, created);
        store.insertKey(key("k-3", "i-1", "three", "ApiKey-credential", 1));
        store.insertKey(key("k-4", "i-1", "four", "ApiKey-credential-unsealed", 2));
        ResourceKey gone = key("k-5", "i-1", "five", "ApiKey-removed", 3);
        store.insertKey(gone);
        assertThat(store.updateKey(gone.removed(OWNER, T0.plusSeconds(1)), 1)).isTrue();
        String crn = "crn:v1:bluemix:public:books:global:a/" + ACCOUNT + ":i-1:resource-key:";

        assertThat(keys.findByHashWithLinks(plain.hash())).contains(new FoundKey(plain, false, null));
        assertThat(keys.findByHashWithLinks(stored.hash())).contains(new FoundKey(stored, true, null));
        assertThat(keys.findByHashWithLinks(credential.hash())).contains(new FoundKey(credential, true, crn + "k-3"));
        assertThat(keys.findByHashWithLinks(credentialUnsealed.hash()))
                .contains(new FoundKey(credentialUnsealed, false, crn + "k-4"));
        assertThat(keys.findByHashWithLinks(removed.hash())).as("a removed credential")
                .contains(new FoundKey(removed, true, null));
        assertThat(keys.findByHashWithLinks(String.format("%064x", 9))).isEmpty();
        assertThat(keys.findByHash(credential.hash())).contains(credential);

        ApiKey rotated = credential.rotated(String.format("%064x", 6), "lk_new1", T0.plusSeconds(60), T0.plusSeconds(2));
        assertThat(keys.rotate(rotated, 1, new byte[] {4}, created)).isTrue();
        assertThat(keys.findByHashWithLinks(credential.hash())).as("by the previous hash")
                .contains(new FoundKey(rotated, true, crn + "k-3"));
        assertThat(keys.findByHashWithLinks(rotated.hash())).contains(new FoundKey(rotated, true, crn + "k-3"));

        // Read together (a node's cache misses under load), each hash finds what it finds alone; one none has is left out.
        String none = String.format("%064x", 9);
        assertThat(keys.findByHashesWithLinks(List.of(plain.hash(), credential.hash(), rotated.hash(), none,
                removed.hash(), plain.hash()))).isEqualTo(Map.of(
                        plain.hash(), new FoundKey(plain, false, null),
                        credential.hash(), new FoundKey(rotated, true, crn + "k-3"),
                        rotated.hash(), new FoundKey(rotated, true, crn + "k-3"),
                        removed.hash(), new FoundKey(removed, true, null)));
        assertThat(keys.findByHashesWithLinks(List.of())).isEmpty();
        List<String> many = new ArrayList<>(List.of(stored.hash()));
        for (int i = 0; i < 38; i++) {
            many.add(String.format("%064x", 1_000 + i));
        }
        many.add(removed.hash()); // the 40th: in a second statement
        assertThat(keys.findByHashesWithLinks(many)).as("more hashes than one statement asks for").isEqualTo(Map.of(
                stored.hash(), new FoundKey(stored, true, null), removed.hash(), new FoundKey(removed, true, null)));

        // A value that is one key's current and another's previous (only a client-supplied value could be) finds the
        // key it is current for, alone and together.
        ApiKey reuse = serviceIdKey("ApiKey-reuse", 3);
        keys.insert(reuse, null, created);
        assertThat(reuse.hash()).isEqualTo(rotated.previousHash());
        assertThat(keys.findByHashWithLinks(reuse.hash())).contains(new FoundKey(reuse, false, null));
        assertThat(keys.findByHashesWithLinks(List.of(rotated.hash(), reuse.hash()))).isEqualTo(Map.of(
                rotated.hash(), new FoundKey(rotated, true, crn + "k-3"), reuse.hash(), new FoundKey(reuse, false, null)));
    }

    @Test
    void aKeyNeedsAStoredInstanceAndRollsBackWithTheOtherStores() {
        assertThatThrownBy(() -> store.insertKey(key("k-x", "i-missing", "x", "ApiKey-x", 0)))
                .as("the instance must exist").isInstanceOf(RuntimeException.class);
        store.insertInstance(instance("i-1", ACCOUNT, "one", "books", 0));
        assertThatThrownBy(() -> tx.inTransaction(() -> {
            keys.insert(new ApiKey("ApiKey-r", ACCOUNT, "iam-ServiceId-r", "r", null, OWNER, T0, T0, null, false,
                    false, false, LeakAction.NONE, "f".repeat(64), "lk_abcd", 1), new byte[] {1},
                    new HistoryEntry(T0, OWNER, ACCOUNT, "create", List.of(), "m"));
            store.insertKey(key("k-r", "i-1", "r", "ApiKey-r", 0));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(store.findKey("k-r")).isEmpty();
        assertThat(keys.find("ApiKey-r")).isEmpty();
    }
}
