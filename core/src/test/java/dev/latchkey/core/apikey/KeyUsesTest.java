package dev.latchkey.core.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The batch an activity flush hands the stores: keys in id order and each key's days in order, each once, counts
 * that add up, so that concurrent flushes lock rows in one order and an upsert changes a row once.
 */
class KeyUsesTest {
    private static final LocalDate DAY = LocalDate.parse("2026-03-10");
    private static final Instant NOON = Instant.parse("2026-03-10T12:00:00Z");

    @Test
    void holdsKeysAndTheirDaysInOrderAndGrowsPastItsExpectedSize() {
        KeyUses uses = KeyUses.builder(1)
                .key("ApiKey-a", NOON, 3).day(DAY.minusDays(1), 1).day(DAY, 2)
                .oneDay("ApiKey-b", NOON.minusSeconds(60), 5)
                .oneDay("ApiKey-c", NOON, 1)
                .build();

        assertThat(uses.keys()).isEqualTo(3);
        assertThat(uses.keyId(0)).isEqualTo("ApiKey-a");
        assertThat(uses.lastAuthn(1)).isEqualTo(NOON.minusSeconds(60));
        assertThat(uses.count(2)).isEqualTo(1);
        assertThat(uses.days()).isEqualTo(4);
        assertThat(uses.dayKeyId(0)).isEqualTo("ApiKey-a");
        assertThat(uses.epochDay(0)).isEqualTo(DAY.minusDays(1).toEpochDay());
        assertThat(uses.dayKeyId(1)).isEqualTo("ApiKey-a");
        assertThat(uses.dayCount(1)).isEqualTo(2);
        assertThat(uses.dayKeyId(2)).isEqualTo("ApiKey-b");
        assertThat(uses.dayCount(2)).isEqualTo(5);
        assertThat(uses.dayKeyId(3)).isEqualTo("ApiKey-c");
        assertThat(KeyUses.NONE.isEmpty()).isTrue();
        assertThatThrownBy(() -> uses.keyId(3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> uses.epochDay(4)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void refusesKeysOutOfOrderOrNamedTwice() {
        assertThatThrownBy(() -> KeyUses.builder(2).oneDay("ApiKey-b", NOON, 1).oneDay("ApiKey-a", NOON, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ascending");
        assertThatThrownBy(() -> KeyUses.builder(2).oneDay("ApiKey-a", NOON, 1).oneDay("ApiKey-a", NOON, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("each once");
    }

    @Test
    void refusesAKeysDaysOutOfOrderOrNamedTwice() {
        assertThatThrownBy(() -> KeyUses.builder(1).key("ApiKey-a", NOON, 2).day(DAY, 1).day(DAY.minusDays(1), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ascending");
        assertThatThrownBy(() -> KeyUses.builder(1).key("ApiKey-a", NOON, 2).day(DAY, 1).day(DAY, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("each once");
        // the next key's first day may be any day: the order is per key
        assertThat(KeyUses.builder(2).oneDay("ApiKey-a", NOON, 1).oneDay("ApiKey-b", NOON.minusSeconds(86_400), 1)
                .build().days()).isEqualTo(2);
    }

    @Test
    void refusesAKeyWhoseDaysDoNotAddUpOrEndBeforeItsLatestUse() {
        assertThatThrownBy(() -> KeyUses.builder(1).key("ApiKey-a", NOON, 3).day(DAY, 2).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("add up to 2, not its count 3");
        assertThatThrownBy(() -> KeyUses.builder(2).key("ApiKey-a", NOON, 1).oneDay("ApiKey-b", NOON, 1))
                .as("a key without days").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("add up to 0");
        assertThatThrownBy(() -> KeyUses.builder(1).key("ApiKey-a", NOON, 1).day(DAY.minusDays(1), 1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not its latest use's 2026-03-10");
        assertThatThrownBy(() -> KeyUses.builder(1).key("ApiKey-a", NOON, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyUses.builder(1).day(DAY, 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aBuiltBatchTakesNothingMore() {
        KeyUses.Builder builder = KeyUses.builder(1).oneDay("ApiKey-a", NOON, 1);
        KeyUses uses = builder.build();
        assertThatThrownBy(() -> builder.day(DAY.plusDays(1), 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> builder.oneDay("ApiKey-b", NOON, 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class);
        assertThat(uses.keys()).isEqualTo(1);
        assertThat(uses.days()).isEqualTo(1);
    }
}
