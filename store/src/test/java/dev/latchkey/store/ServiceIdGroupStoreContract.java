package dev.latchkey.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.account.Account;
import dev.latchkey.core.common.HistoryEntry;
import dev.latchkey.core.identity.User;
import dev.latchkey.core.serviceid.ServiceId;
import dev.latchkey.core.serviceid.ServiceIdGroup;
import dev.latchkey.core.serviceid.ServiceIdGroupStore;
import dev.latchkey.core.serviceid.ServiceIdGroupStore.Outcome;
import dev.latchkey.core.serviceid.ServiceIdQuery;
import dev.latchkey.core.serviceid.ServiceIdStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service ID group store's behaviour and the service ID store's side of it ({@code group_id}), run against each
 * database (H2 and PostgreSQL subclasses) and against core's in-memory fakes (decision 0043).
 */
abstract class ServiceIdGroupStoreContract {
    static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");
    static final String ACCOUNT = "a".repeat(32);
    static final String OTHER = "b".repeat(32);
    static final String OWNER = "IBMid-OWNER00001";

    /** The stores a test runs on: the shared ones, and the group store over the same database or fakes. */
    record Opened(StoresUnderTest stores, ServiceIdGroupStore groups) {
    }

    StoresUnderTest stores;
    ServiceIdGroupStore groups;
    ServiceIdStore serviceIds;

    /** Fresh, empty stores. */
    abstract Opened open();

    @BeforeEach
    void setUp() {
        Opened opened = open();
        stores = opened.stores();
        groups = opened.groups();
        serviceIds = stores.serviceIds();
        stores.users().insert(new User(OWNER, "owner@example.com", "O", "W", false, T0));
        stores.accounts().insert(new Account(ACCOUNT, "Acme", OWNER, T0));
        stores.accounts().insert(new Account(OTHER, "Other", OWNER, T0));
    }

    @AfterEach
    void tearDown() {
        stores.close();
    }

    static ServiceIdGroup group(String n, String account, String name, int minute) {
        Instant at = T0.plusSeconds(60L * minute);
        return new ServiceIdGroup("ServiceIdGroup-" + n, account, name, "about " + name, at, OWNER, at, 1);
    }

    static ServiceId serviceId(String n, String groupId) {
        String id = "ServiceId-" + n;
        return new ServiceId(id, "iam-" + id, ACCOUNT, "sid " + n, null, List.of(), false, T0, T0, OWNER, 1, groupId);
    }

    static HistoryEntry entry(String action) {
        return new HistoryEntry(T0, OWNER, ACCOUNT, action, List.of(), "m");
    }

    @Test
    void aGroupRoundTripsExactlyAndAccountsListTheirOwnOldestFirst() {
        ServiceIdGroup later = group("2", ACCOUNT, "reports", 2);
        ServiceIdGroup first = new ServiceIdGroup("ServiceIdGroup-1", ACCOUNT, "payments", null, T0, OWNER,
                T0.plusSeconds(9), 4);
        ServiceIdGroup elsewhere = group("3", OTHER, "payments", 1);
        assertThat(groups.insert(later, 10)).isEqualTo(Outcome.DONE);
        assertThat(groups.insert(first, 10)).isEqualTo(Outcome.DONE);
        assertThat(groups.insert(elsewhere, 10)).as("a name is unique in its account only").isEqualTo(Outcome.DONE);
        assertThat(groups.find(first.id())).contains(first);
        assertThat(groups.find("ServiceIdGroup-404")).isEmpty();
        assertThat(groups.list(ACCOUNT)).containsExactly(first, later);
        assertThat(groups.list(OTHER)).containsExactly(elsewhere);
        assertThat(groups.list("c".repeat(32))).isEmpty();
        assertThatThrownBy(() -> groups.insert(group("1", ACCOUNT, "another name", 5), 10))
                .isInstanceOf(RuntimeException.class);
        assertThat(groups.list(ACCOUNT)).containsExactly(first, later);
        assertThat(stores.tx().inTransaction(() -> groups.lock(first.id()))).contains(first);
        assertThat(stores.tx().inTransaction(() -> groups.lock("ServiceIdGroup-404"))).isEmpty();
    }

    @Test
    void aTakenNameAndAFullAccountAreRefusedWithoutWriting() {
        assertThat(groups.insert(group("1", ACCOUNT, "payments", 0), 2)).isEqualTo(Outcome.DONE);
        assertThat(groups.insert(group("2", ACCOUNT, "payments", 1), 2)).isEqualTo(Outcome.NAME_TAKEN);
        assertThat(groups.insert(group("2", ACCOUNT, "reports", 1), 2)).isEqualTo(Outcome.DONE);
        assertThat(groups.insert(group("3", ACCOUNT, "audits", 2), 2)).isEqualTo(Outcome.LIMIT_REACHED);
        assertThat(groups.insert(group("3", OTHER, "audits", 2), 2)).as("the limit is per account")
                .isEqualTo(Outcome.DONE);
        assertThat(groups.list(ACCOUNT)).extracting(ServiceIdGroup::name).containsExactly("payments", "reports");
    }

    @Test
    void anUpdateNeedsTheStoredVersionAndAFreeNameAndKeepsWhatItDoesNotChange() {
        ServiceIdGroup payments = group("1", ACCOUNT, "payments", 0);
        ServiceIdGroup reports = group("2", ACCOUNT, "reports", 1);
        groups.insert(payments, 10);
        groups.insert(reports, 10);
        ServiceIdGroup renamed = payments.withDetails("billing", null, T0.plusSeconds(600));
        assertThat(groups.update(renamed, 1)).isEqualTo(Outcome.DONE);
        assertThat(groups.find(payments.id())).contains(renamed);
        assertThat(renamed.version()).isEqualTo(2);
        assertThat(groups.update(payments.withDetails("lost", null, T0.plusSeconds(700)), 1))
                .isEqualTo(Outcome.STALE);
        assertThat(groups.update(renamed.withDetails("reports", "clash", T0.plusSeconds(800)), 2))
                .isEqualTo(Outcome.NAME_TAKEN);
        assertThat(groups.update(renamed.withDetails("billing", "same name", T0.plusSeconds(900)), 2))
                .as("its own name").isEqualTo(Outcome.DONE);
        assertThat(groups.find(payments.id()).orElseThrow().description()).isEqualTo("same name");
        assertThat(groups.find(payments.id()).orElseThrow().createdAt()).isEqualTo(payments.createdAt());
        assertThat(groups.find(reports.id())).contains(reports);
        assertThat(groups.update(group("404", ACCOUNT, "ghost", 0), 1)).isEqualTo(Outcome.STALE);
    }

    @Test
    void aServiceIdNamesItsGroupListsNarrowToItAndAGroupItNamesIsNotDeleted() {
        ServiceIdGroup payments = group("1", ACCOUNT, "payments", 0);
        ServiceIdGroup reports = group("2", ACCOUNT, "reports", 1);
        groups.insert(payments, 10);
        groups.insert(reports, 10);
        ServiceId payer = serviceId("1", payments.id());
        ServiceId loose = serviceId("2", null);
        serviceIds.insert(payer, entry("create"));
        serviceIds.insert(loose, entry("create"));
        assertThat(serviceIds.find(payer.id())).contains(payer);
        assertThat(serviceIds.find(loose.id()).orElseThrow().groupId()).isNull();
        assertThat(list(null)).containsExactly(payer, loose);
        assertThat(list(payments.id())).containsExactly(payer);
        assertThat(list(reports.id())).isEmpty();

        assertThat(groups.delete(payments.id(), 1)).isEqualTo(Outcome.IN_USE);
        assertThat(groups.find(payments.id())).contains(payments);
        assertThat(groups.delete(payments.id(), 2)).isEqualTo(Outcome.STALE);
        assertThat(groups.delete("ServiceIdGroup-404", 1)).isEqualTo(Outcome.STALE);

        ServiceId moved = payer.withDetails(payer.name(), null, List.of(), reports.id(), T0.plusSeconds(5));
        assertThat(serviceIds.update(moved, 1, entry("update"))).isTrue();
        assertThat(serviceIds.find(payer.id())).contains(moved);
        assertThat(list(reports.id())).containsExactly(moved);
        assertThat(groups.delete(payments.id(), 1)).isEqualTo(Outcome.DONE);
        assertThat(groups.find(payments.id())).isEmpty();

        ServiceId locked = moved.withLocked(true, T0.plusSeconds(6));
        assertThat(locked.groupId()).isEqualTo(reports.id());
        assertThat(serviceIds.update(locked, 2, entry("lock"))).isTrue();
        assertThat(serviceIds.find(payer.id())).contains(locked);
        assertThat(serviceIds.delete(payer.id(), 3)).isTrue();
        assertThat(groups.delete(reports.id(), 1)).as("its last service ID deleted").isEqualTo(Outcome.DONE);
    }

    @Test
    void ofTwoGroupsInsertedAtOnceWithOneNameOneIsStored() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Outcome>> inserts = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    ServiceIdGroup candidate = group(round + "-" + i, ACCOUNT, "name-" + round, round);
                    inserts.add(pool.submit(() -> {
                        start.await();
                        return stores.tx().inTransaction(() -> groups.insert(candidate, 100));
                    }));
                }
                start.countDown();
                List<Outcome> outcomes = new ArrayList<>();
                for (Future<Outcome> insert : inserts) {
                    outcomes.add(insert.get());
                }
                assertThat(outcomes).containsExactlyInAnyOrder(Outcome.DONE, Outcome.NAME_TAKEN);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(groups.list(ACCOUNT)).hasSize(5);
    }

    private List<ServiceId> list(String groupId) {
        return serviceIds.list(new ServiceIdQuery(ACCOUNT, null, null, ServiceIdQuery.SortField.NAME, false, 0, 10,
                groupId)).items();
    }
}
