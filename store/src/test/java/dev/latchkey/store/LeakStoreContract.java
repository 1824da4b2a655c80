package dev.latchkey.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.common.Page;
import dev.latchkey.core.leak.LeakStore;
import dev.latchkey.core.leak.Sighting;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The leak store's behaviour, run against each database (H2 and PostgreSQL subclasses) and against core's
 * in-memory fake.
 */
abstract class LeakStoreContract {
    static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");
    static final String ACCOUNT = "a".repeat(32);
    static final String OTHER = "b".repeat(32);
    static final String ALICE = "IBMid-ALICE00001";
    static final String BOB = "IBMid-BOB0000001";
    static final String SERVICE_ID = "iam-ServiceId-0000-1111";
    LeakStore store;
    AutoCloseable closer;

    /** A fresh, empty store, and what closes it. */
    abstract LeakStore open();

    abstract AutoCloseable closer();

    @BeforeEach
    void setUp() {
        store = open();
        closer = closer();
    }

    @AfterEach
    void tearDown() throws Exception {
        closer.close();
    }

    static Sighting sighting(String id, String account, String iamId, String keyName, int minute) {
        return new Sighting(id, String.format("%064x", id.hashCode() & 0xffffffffL), "latchkey_api_key",
                iamId == null ? null : "ApiKey-" + id, keyName, "lk_abcd", account, iamId, "https://example.com/" + id,
                "commit", "IBMid-REPORTER01", T0.plusSeconds(60L * minute), iamId == null ? Sighting.UNKNOWN : "none", 3);
    }

    static List<String> ids(Page<Sighting> page) {
        return page.items().stream().map(Sighting::id).toList();
    }

    @Test
    void aTokenIsRecordedOnceAndRoundTripsExactly() {
        Sighting first = sighting("s1", ACCOUNT, ALICE, "alice-ci", 0);
        assertThat(store.insertIfAbsent(first)).isEqualTo(first);
        Sighting again = new Sighting("s2", first.tokenHash(), "other", null, null, "lk_abcd", null, null, null, null,
                "someone", T0.plusSeconds(600), Sighting.UNKNOWN, 0);
        assertThat(store.insertIfAbsent(again)).as("the first record stays").isEqualTo(first);
        assertThat(store.findByHash(first.tokenHash())).contains(first);
        assertThat(store.findByHash("0".repeat(64))).isEmpty();
    }

    @Test
    void listsOneAccountNewestFirstByIdentityAndByKindOfOwnerAndPages() {
        store.insertIfAbsent(sighting("s1", ACCOUNT, ALICE, "alice-1", 1));
        store.insertIfAbsent(sighting("s2", ACCOUNT, BOB, "bob-1", 2));
        store.insertIfAbsent(sighting("s3", ACCOUNT, SERVICE_ID, "deployer", 3));
        store.insertIfAbsent(sighting("s4", ACCOUNT, ALICE, "alice-2", 4));
        store.insertIfAbsent(sighting("s6", ACCOUNT, ALICE, "alice-tie", 4));
        store.insertIfAbsent(sighting("s5", OTHER, ALICE, "elsewhere", 5));
        store.insertIfAbsent(sighting("s7", null, null, null, 6));

        assertThat(ids(store.forAccount(ACCOUNT, 0, 10))).as("the id breaks the tie")
                .containsExactly("s4", "s6", "s3", "s2", "s1");
        assertThat(ids(store.list(new LeakStore.Query(ACCOUNT, ALICE, null, 0, 10))))
                .containsExactly("s4", "s6", "s1");
        assertThat(ids(store.list(new LeakStore.Query(ACCOUNT, null, LeakStore.Owners.SERVICE_IDS, 0, 10))))
                .containsExactly("s3");
        assertThat(ids(store.list(new LeakStore.Query(ACCOUNT, null, LeakStore.Owners.USERS, 0, 10))))
                .containsExactly("s4", "s6", "s2", "s1");
        assertThat(ids(store.list(new LeakStore.Query(ACCOUNT, ALICE, LeakStore.Owners.SERVICE_IDS, 0, 10))))
                .isEmpty();
        assertThat(ids(store.list(new LeakStore.Query(OTHER, null, null, 0, 10)))).containsExactly("s5");

        Page<Sighting> first = store.list(new LeakStore.Query(ACCOUNT, null, LeakStore.Owners.USERS, 0, 2));
        assertThat(ids(first)).containsExactly("s4", "s6");
        assertThat(first.hasMore()).isTrue();
        Page<Sighting> last = store.list(new LeakStore.Query(ACCOUNT, null, LeakStore.Owners.USERS, 2, 2));
        assertThat(ids(last)).containsExactly("s2", "s1");
        assertThat(last.hasMore()).isFalse();
    }
}
