package dev.latchkey.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.apikey.ApiKeyStore;
import dev.latchkey.core.apikey.KeyUsageStore;
import dev.latchkey.core.apikey.KeyUsageStore.Delta;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Daily usage per key: adds sum per key and day, also when two writers (two nodes) add to the same rows at once; a
 * delta for a missing key is dropped; reads are by date range; old days and a deleted key's days go. Mixed into
 * {@link StoreContract}, so it runs on H2, PostgreSQL and the in-memory fakes.
 */
interface KeyUsageStoreContract {
    LocalDate DAY = LocalDate.parse("2026-03-10");
    LocalDate EARLY = LocalDate.parse("2000-01-01");
    LocalDate LATE = LocalDate.parse("2100-01-01");

    StoresUnderTest stores();

    private KeyUsageStore usage() {
        return stores().keyUsage();
    }

    private String keyNumbered(int n) {
        String id = "ApiKey-usage-" + n;
        stores().keys().insert(StoreContract.key(id, "usage " + n, "IBMid-OWNER00001", StoreContract.hash(900 + n)),
                StoreContract.entry("create"));
        return id;
    }

    @Test
    default void usageAddsUpPerKeyAndDayAndReadsByDateRange() {
        String one = keyNumbered(1);
        String two = keyNumbered(2);
        assertThat(usage().usage(one, EARLY, LATE)).isEmpty();
        usage().add(List.of(new Delta(one, DAY, 3), new Delta(one, DAY.minusDays(1), 1), new Delta(two, DAY, 10),
                new Delta("ApiKey-gone", DAY, 4)));
        usage().add(List.of(new Delta(one, DAY, 2)));
        usage().add(List.of());
        usage().add(List.of(new Delta(two, DAY, 1), new Delta(two, DAY, 6))); // one key and day twice in a batch

        assertThat(usage().usage(one, EARLY, LATE)).isEqualTo(Map.of(DAY.minusDays(1), 1L, DAY, 5L));
        assertThat(usage().usage(one, DAY, DAY)).as("both ends included").isEqualTo(Map.of(DAY, 5L));
        assertThat(usage().usage(one, DAY.plusDays(1), LATE)).isEmpty();
        assertThat(usage().usage(two, EARLY, LATE)).isEqualTo(Map.of(DAY, 17L));
        assertThat(usage().usage("ApiKey-gone", EARLY, LATE))
                .as("a missing key's delta is stored without a look at the keys (decision 0053); retention takes it")
                .isEqualTo(Map.of(DAY, 4L));
    }

    @Test
    default void twoWritersAddingToTheSameDaysAtOnceLoseNothing() throws Exception {
        String one = keyNumbered(1);
        String two = keyNumbered(2);
        int rounds = 40;
        // the writers name the rows in opposite orders; every round starts a day nobody wrote yet
        TwoWriters.atOnce(reversed -> {
            for (int r = 0; r < rounds; r++) {
                LocalDate fresh = DAY.plusDays(r);
                List<Delta> batch = new ArrayList<>(List.of(new Delta(one, DAY, 1), new Delta(two, DAY, 2),
                        new Delta(one, fresh, 1), new Delta(two, fresh, 1)));
                if (reversed) {
                    Collections.reverse(batch);
                }
                usage().add(batch);
            }
        });
        Map<LocalDate, Long> first = usage().usage(one, EARLY, LATE);
        assertThat(first.get(DAY)).isEqualTo(2L * rounds + 2); // round 0's fresh day is DAY itself
        assertThat(first).hasSize(rounds);
        assertThat(first.get(DAY.plusDays(rounds - 1))).isEqualTo(2L);
        assertThat(usage().usage(two, EARLY, LATE).get(DAY)).isEqualTo(4L * rounds + 2);
        assertThat(usage().usage(two, EARLY, LATE).values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(2L * 2 * rounds + 2L * rounds);
    }

    @Test
    default void oldDaysAreDeletedAndADeletedKeyTakesItsDays() {
        ApiKeyStore keys = stores().keys();
        String one = keyNumbered(1);
        String two = keyNumbered(2);
        usage().add(List.of(new Delta(one, DAY.minusDays(90), 1), new Delta(one, DAY.minusDays(89), 2),
                new Delta(one, DAY, 3), new Delta(two, DAY.minusDays(100), 4), new Delta(two, DAY, 5)));

        assertThat(usage().deleteBefore(DAY.minusDays(89))).isEqualTo(2);
        assertThat(usage().usage(one, EARLY, LATE)).isEqualTo(Map.of(DAY.minusDays(89), 2L, DAY, 3L));
        assertThat(usage().deleteBefore(DAY.minusDays(89))).isZero();

        assertThat(keys.delete(two, 1)).isTrue();
        assertThat(usage().usage(two, EARLY, LATE)).isEmpty();
        assertThat(keys.deleteForIdentity("a".repeat(32), "IBMid-OWNER00001")).isNotEmpty();
        assertThat(usage().usage(one, EARLY, LATE)).isEmpty();
    }
}
