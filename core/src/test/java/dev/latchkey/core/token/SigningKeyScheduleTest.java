package dev.latchkey.core.token;

import static dev.latchkey.core.token.SigningKeySchedule.PUBLICATION_LEAD;
import static dev.latchkey.core.token.SigningKeySchedule.RETIREMENT_GRACE;
import static dev.latchkey.core.token.SigningKeyState.ACTIVE;
import static dev.latchkey.core.token.SigningKeyState.PENDING;
import static dev.latchkey.core.token.SigningKeyState.RETIRED;
import static dev.latchkey.core.token.SigningKeyState.RETIRING;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The state function at its exact boundaries: publication, activation, retirement, and explicit retirement. */
class SigningKeyScheduleTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant ROTATED = T0.plus(Duration.ofDays(90));
    static final Instant ACTIVATES = ROTATED.plus(PUBLICATION_LEAD);
    static final Instant RETIRES = ACTIVATES.plus(RETIREMENT_GRACE);
    static final StoredSigningKey FIRST = key("k1", T0, T0, null, StoredSigningKey.FIRST);
    static final StoredSigningKey SECOND = key("k2", ROTATED, ACTIVATES, null, "k1");

    static StoredSigningKey key(String kid, Instant created, Instant activates, Instant retired, String succeeds) {
        return new StoredSigningKey(kid, "ES256", new byte[] {1}, retired == null ? new byte[] {2} : null, created,
                activates, retired, succeeds);
    }

    static List<SigningKeyState> states(List<StoredSigningKey> keys, Instant at) {
        return SigningKeySchedule.of(keys, at).statuses().stream().map(SigningKeyStatus::state).toList();
    }

    @Test
    void theLeadCoversAReloadAndACachedKeySetAndTheGraceTheLongestToken() {
        assertThat(PUBLICATION_LEAD).isEqualTo(Duration.ofMinutes(7))
                .isGreaterThan(SigningKeySchedule.JWKS_MAX_AGE.plus(SigningKeySchedule.RELOAD_INTERVAL));
        assertThat(RETIREMENT_GRACE).isEqualTo(Duration.ofSeconds(3660));
    }

    @Test
    void theFirstKeySignsFromItsCreationAndIsNeverRetiredAlone() {
        assertThat(states(List.of(FIRST), T0)).containsExactly(ACTIVE);
        assertThat(states(List.of(FIRST), T0.plus(Duration.ofDays(3650)))).containsExactly(ACTIVE);
        SigningKeySchedule schedule = SigningKeySchedule.of(List.of(FIRST), T0);
        assertThat(schedule.active()).get().extracting(SigningKeyStatus::kid).isEqualTo("k1");
        assertThat(schedule.statuses().getFirst().retiresAt()).isNull();
        assertThat(schedule.nextChange()).isEqualTo(Instant.MAX);
        assertThat(SigningKeySchedule.of(List.of(), T0).active()).isEmpty();
    }

    @Test
    void aRotatedKeyIsPendingUntilItsActivationThenTheOldOneRetiresAfterTheGrace() {
        List<StoredSigningKey> keys = List.of(FIRST, SECOND);
        assertThat(states(keys, ROTATED)).containsExactly(ACTIVE, PENDING);
        assertThat(states(keys, ACTIVATES.minusMillis(1))).containsExactly(ACTIVE, PENDING);
        assertThat(states(keys, ACTIVATES)).containsExactly(RETIRING, ACTIVE);
        assertThat(states(keys, RETIRES.minusMillis(1))).containsExactly(RETIRING, ACTIVE);
        assertThat(states(keys, RETIRES)).containsExactly(RETIRED, ACTIVE);

        SigningKeySchedule atRotation = SigningKeySchedule.of(keys, ROTATED);
        assertThat(atRotation.statuses().getFirst().retiresAt()).as("known once a successor exists").isEqualTo(RETIRES);
        assertThat(atRotation.pending()).get().extracting(SigningKeyStatus::kid).isEqualTo("k2");
        assertThat(atRotation.nextChange()).isEqualTo(ACTIVATES);
        assertThat(SigningKeySchedule.of(keys, ACTIVATES).nextChange()).isEqualTo(RETIRES);
        assertThat(SigningKeySchedule.of(keys, RETIRES).nextChange()).isEqualTo(Instant.MAX);
        assertThat(SigningKeySchedule.of(keys, RETIRES).newestUnretired()).get().extracting(SigningKeyStatus::kid)
                .isEqualTo("k2");
    }

    @Test
    void aKeyRetiredInTheStoreIsRetiredWhateverTheClockSays() {
        StoredSigningKey replaced = key("k1", T0, T0, ROTATED, StoredSigningKey.FIRST);
        StoredSigningKey immediate = key("k2", ROTATED, ROTATED, null, "k1");
        assertThat(states(List.of(replaced, immediate), ROTATED)).containsExactly(RETIRED, ACTIVE);
        assertThat(states(List.of(replaced, immediate), ROTATED.minusSeconds(60))).as("a node whose clock is behind")
                .containsExactly(RETIRED, PENDING);
        assertThat(SigningKeySchedule.of(List.of(replaced, immediate), ROTATED).statuses().getFirst().retiresAt())
                .isEqualTo(ROTATED);
    }

    @Test
    void anImmediateReplacementOfAPendingKeyRetiresItBeforeItEverSigns() {
        StoredSigningKey first = key("k1", T0, T0, ROTATED.plusSeconds(60), StoredSigningKey.FIRST);
        StoredSigningKey pending = key("k2", ROTATED, ACTIVATES, ROTATED.plusSeconds(60), "k1");
        StoredSigningKey replacement = key("k3", ROTATED.plusSeconds(60), ROTATED.plusSeconds(60), null, "k2");
        assertThat(states(List.of(first, pending, replacement), ACTIVATES)).containsExactly(RETIRED, RETIRED, ACTIVE);
    }

    @Test
    void aRotationIsDueOnceTheActiveKeyHasSignedForThePeriodAndNoneIsPending() {
        Duration period = Duration.ofDays(90);
        assertThat(SigningKeySchedule.of(List.of(FIRST), ROTATED.minusMillis(1)).rotationDue(period)).isFalse();
        assertThat(SigningKeySchedule.of(List.of(FIRST), ROTATED).rotationDue(period)).isTrue();
        assertThat(SigningKeySchedule.of(List.of(FIRST), ROTATED).rotationDue(Duration.ZERO)).as("off").isFalse();
        assertThat(SigningKeySchedule.of(List.of(FIRST, SECOND), ROTATED.plusSeconds(1)).rotationDue(period))
                .as("a key is pending").isFalse();
        assertThat(SigningKeySchedule.of(List.of(FIRST, SECOND), ACTIVATES.plus(period).minusMillis(1))
                .rotationDue(period)).as("counted from the new key's activation").isFalse();
        assertThat(SigningKeySchedule.of(List.of(FIRST, SECOND), ACTIVATES.plus(period)).rotationDue(period)).isTrue();
    }
}
