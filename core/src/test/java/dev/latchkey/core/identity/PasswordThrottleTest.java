package dev.latchkey.core.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.common.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PasswordThrottleTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T10:00:00Z"));
    private final PasswordThrottle throttle = new PasswordThrottle(clock, 1000);

    @Test
    void fiveFailuresAreFreeThenTheWaitDoublesFromThirtySecondsToFifteenMinutes() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.admit("ada@example.com")).as("attempt %d", i + 1).isZero();
        }
        assertThat(throttle.admit("ada@example.com")).isEqualTo(Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(29));
        assertThat(throttle.admit("ada@example.com")).as("refused, and the wait does not restart")
                .isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.admit("ada@example.com")).as("the sixth attempt").isZero();
        assertThat(throttle.admit("ada@example.com")).isEqualTo(Duration.ofSeconds(60));

        assertThat(PasswordThrottle.delayAfter(4)).isZero();
        assertThat(PasswordThrottle.delayAfter(5)).isEqualTo(Duration.ofSeconds(30));
        assertThat(PasswordThrottle.delayAfter(8)).isEqualTo(Duration.ofMinutes(4));
        assertThat(PasswordThrottle.delayAfter(9)).isEqualTo(Duration.ofMinutes(8));
        assertThat(PasswordThrottle.delayAfter(10)).isEqualTo(Duration.ofMinutes(15));
        assertThat(PasswordThrottle.delayAfter(1000)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void everyRefusedAttemptIsToldOnceAndAdmittedOnesAreNot() {
        AtomicInteger refused = new AtomicInteger();
        PasswordThrottle counted = new PasswordThrottle(clock, 1000, refused::incrementAndGet);
        for (int i = 0; i < 5; i++) {
            counted.admit("ada@example.com");
        }
        assertThat(refused).as("five free failures").hasValue(0);
        counted.admit("ada@example.com");
        counted.admit("ada@example.com");
        assertThat(refused).hasValue(2);
        clock.advance(Duration.ofSeconds(30));
        assertThat(counted.admit("ada@example.com")).as("admitted once the wait is over").isZero();
        assertThat(refused).hasValue(2);
    }

    @Test
    void aCorrectPasswordClearsTheAddressAndOtherAddressesAreNotAffected() {
        for (int i = 0; i < 5; i++) {
            throttle.admit("Ada@Example.com ");
        }
        assertThat(throttle.admit("ada@example.com")).as("the same address, however typed").isPositive();
        assertThat(throttle.admit("bob@example.com")).isZero();
        throttle.succeeded("ADA@example.com");
        assertThat(throttle.admit("ada@example.com")).isZero();
    }

    @Test
    void anAddressIsForgottenADayAfterItsLastAttempt() {
        for (int i = 0; i < 6; i++) {
            clock.advance(Duration.ofMinutes(15));
            throttle.admit("ada@example.com");
        }
        assertThat(throttle.admit("ada@example.com")).isPositive();
        clock.advance(Duration.ofDays(1));
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.admit("ada@example.com")).isZero();
        }
    }

    @Test
    void guessesSentAtOnceAreCountedAsTheyAreAdmitted() throws Exception {
        List<Future<Duration>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 40; i++) {
                answers.add(pool.submit(() -> throttle.admit("ada@example.com")));
            }
        }
        int admitted = 0;
        for (Future<Duration> answer : answers) {
            admitted += answer.get().isZero() ? 1 : 0;
        }
        assertThat(admitted).isEqualTo(5);
    }

    @Test
    void whenFullItForgetsQuietAddressesAndOtherwiseLetsNewOnesThroughUntracked() {
        PasswordThrottle small = new PasswordThrottle(clock, 2);
        for (int i = 0; i < 6; i++) {
            small.admit("a@example.com");
            small.admit("b@example.com");
        }
        for (int i = 0; i < 10; i++) {
            assertThat(small.admit("c@example.com")).as("untracked while full").isZero();
        }
        assertThat(small.admit("a@example.com")).as("tracked ones stay throttled").isPositive();
        clock.advance(Duration.ofDays(1));
        for (int i = 0; i < 5; i++) {
            small.admit("c@example.com");
        }
        assertThat(small.admit("c@example.com")).as("room made: tracked now").isPositive();
    }
}
