package dev.latchkey.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.apikey.ApiKeyStore;
import dev.latchkey.core.apikey.KeyUsageStore;
import dev.latchkey.core.apikey.KeyUses;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Daily usage per key: adds sum per key and day, also when two writers (two nodes) add to the same rows at once; a
 * missing key's days are stored all the same (decision 0053); reads are by date range; old days and a deleted key's
 * days go. Mixed into {@link StoreContract}, so it runs on H2, PostgreSQL and the in-memory fakes.
 */
interface KeyUsageStoreContract {
    LocalDate DAY = LocalDate.parse("2026-03-10");
    LocalDate EARLY = LocalDate.parse("2000-01-01");
    LocalDate LATE = LocalDate.parse("2100-01-01");

    StoresUnderTest stores();

    private KeyUsageStore usage() {
        return stores().keyUsage();
    }

    /** A time on {@code day}: a key's latest use, which falls on its last day. */
    private static Instant on(LocalDate day) {
        return day.atTime(12, 0).toInstant(ZoneOffset.UTC);
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
        usage().add(KeyUses.builder(3).oneDay("ApiKey-gone", on(DAY), 4)
                .key(one, on(DAY), 4).day(DAY.minusDays(1), 1).day(DAY, 3)
                .oneDay(two, on(DAY), 10).build());
        usage().add(KeyUses.builder(1).oneDay(one, on(DAY), 2).build());
        usage().add(KeyUses.NONE);
        usage().add(KeyUses.builder(1).oneDay(two, on(DAY), 7).build());

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
        // both writers add to one day of each key and start a day nobody wrote yet, every round (the order the rows
        // are locked in is the batch's, key and day order, which KeyUses enforces: KeyUsesTest)
        TwoWriters.atOnce(second -> {
            for (int r = 1; r <= rounds; r++) {
                LocalDate fresh = DAY.plusDays(r);
                usage().add(KeyUses.builder(2).key(one, on(fresh), 2).day(DAY, 1).day(fresh, 1)
                        .key(two, on(fresh), 3).day(DAY, 2).day(fresh, 1).build());
            }
        });
        Map<LocalDate, Long> first = usage().usage(one, EARLY, LATE);
        assertThat(first.get(DAY)).isEqualTo(2L * rounds);
        assertThat(first).hasSize(rounds + 1);
        assertThat(first.get(DAY.plusDays(rounds))).isEqualTo(2L);
        assertThat(usage().usage(two, EARLY, LATE).get(DAY)).isEqualTo(4L * rounds);
        assertThat(usage().usage(two, EARLY, LATE).values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(2L * 2 * rounds + 2L * rounds);
    }

    @Test
    default void oldDaysAreDeletedAndADeletedKeyTakesItsDays() {
        ApiKeyStore keys = stores().keys();
        String one = keyNumbered(1);
        String two = keyNumbered(2);
        usage().add(KeyUses.builder(2).key(one, on(DAY), 6).day(DAY.minusDays(90), 1).day(DAY.minusDays(89), 2)
                .day(DAY, 3).key(two, on(DAY), 9).day(DAY.minusDays(100), 4).day(DAY, 5).build());

        assertThat(usage().deleteBefore(DAY.minusDays(89))).isEqualTo(2);
        assertThat(usage().usage(one, EARLY, LATE)).isEqualTo(Map.of(DAY.minusDays(89), 2L, DAY, 3L));
        assertThat(usage().deleteBefore(DAY.minusDays(89))).isZero();

        assertThat(keys.delete(two, 1)).isTrue();
        assertThat(usage().usage(two, EARLY, LATE)).isEmpty();
        assertThat(keys.deleteForIdentity("a".repeat(32), "IBMid-OWNER00001")).isNotEmpty();
        assertThat(usage().usage(one, EARLY, LATE)).isEmpty();
    }
}
