package dev.latchkey.core.token;

import static dev.latchkey.core.token.SigningKeySchedule.PUBLICATION_LEAD;
import static dev.latchkey.core.token.SigningKeySchedule.RETIREMENT_GRACE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.InMemoryStores;
import dev.latchkey.core.common.MutableClock;
import dev.latchkey.core.common.SecretBox;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The ring on the in-memory store with a clock the test moves: which key signs and which are published, when. */
class SigningKeyRingTest {
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final Duration PERIOD = Duration.ofDays(90);
    final InMemoryStores stores = new InMemoryStores();
    final MutableClock clock = new MutableClock(T0);
    final SecretBox box = new SecretBox(new byte[32], new SecureRandom());

    SigningKeyRing node(String algorithm) {
        SigningKeyRing ring = new SigningKeyRing(stores.signingKeys, stores.tx, box, clock, algorithm);
        ring.load();
        return ring;
    }

    static List<String> kids(List<SigningKey> keys) {
        return keys.stream().map(SigningKey::kid).toList();
    }

    @Test
    void theFirstStartMakesAKeyThatSignsAtOnceAndLaterStartsMakeNone() {
        SigningKeyRing ring = node(SigningKeyRing.ES256);
        assertThat(ring.hasActiveKey()).isTrue();
        assertThat(ring.active().kid()).isEqualTo("202603011000");
        assertThat(ring.schedule().statuses()).singleElement().satisfies(s -> {
            assertThat(s.state()).isEqualTo(SigningKeyState.ACTIVE);
            assertThat(s.activatesAt()).isEqualTo(T0);
        });
        node(SigningKeyRing.ES256);
        assertThat(stores.signingKeys.all()).hasSize(1);
    }

    @Test
    void theFirstKeyTakesAPairMadeAheadOfItsAlgorithmAndOnlyThen() {
        java.security.KeyPair ahead = SigningKeyRing.newKeyPair(SigningKeyRing.ES256);
        new SigningKeyRing(stores.signingKeys, stores.tx, box, clock, SigningKeyRing.ES256)
                .load(java.util.concurrent.CompletableFuture.completedFuture(ahead));
        assertThat(stores.signingKeys.all()).singleElement()
                .satisfies(k -> assertThat(k.publicKey()).isEqualTo(ahead.getPublic().getEncoded()));

        java.security.KeyPair unused = SigningKeyRing.newKeyPair(SigningKeyRing.ES256);
        new SigningKeyRing(stores.signingKeys, stores.tx, box, clock, SigningKeyRing.ES256)
                .load(java.util.concurrent.CompletableFuture.completedFuture(unused));
        assertThat(stores.signingKeys.all()).as("a key exists: nothing made").hasSize(1);

        InMemoryStores other = new InMemoryStores();
        java.security.KeyPair ec = SigningKeyRing.newKeyPair(SigningKeyRing.ES256);
        new SigningKeyRing(other.signingKeys, other.tx, box, clock, SigningKeyRing.RS256)
                .load(java.util.concurrent.CompletableFuture.completedFuture(ec));
        assertThat(other.signingKeys.all()).singleElement().satisfies(k -> {
            assertThat(k.algorithm()).isEqualTo(SigningKeyRing.RS256);
            assertThat(k.publicKey()).as("an EC pair is no RS256 key").isNotEqualTo(ec.getPublic().getEncoded());
        });

        InMemoryStores third = new InMemoryStores();
        new SigningKeyRing(third.signingKeys, third.tx, box, clock, SigningKeyRing.ES256)
                .load(java.util.concurrent.CompletableFuture.failedFuture(new IllegalStateException("no pair")));
        assertThat(third.signingKeys.all()).as("made here instead").hasSize(1);
    }

    @Test
    void aPublishedKeySignsFromItsActivationAndTheOldOneVerifiesUntilItsRetirement() {
        SigningKeyRing ring = node(SigningKeyRing.ES256);
        String first = ring.active().kid();
        clock.advance(Duration.ofDays(1));
        SigningKeyStatus next = ring.publishNext().orElseThrow();
        Instant activates = clock.instant().plus(PUBLICATION_LEAD);
        assertThat(next.state()).isEqualTo(SigningKeyState.PENDING);
        assertThat(next.activatesAt()).isEqualTo(activates);
        assertThat(kids(ring.published())).containsExactly(next.kid(), first);
        assertThat(ring.publishNext()).as("one pending key at a time").isEmpty();

        clock.set(activates.minusMillis(1));
        assertThat(ring.active().kid()).isEqualTo(first);
        clock.set(activates);
        assertThat(ring.active().kid()).isEqualTo(next.kid());
        assertThat(ring.find(first)).as("still verifies what it signed").isPresent();

        clock.set(activates.plus(RETIREMENT_GRACE).minusMillis(1));
        assertThat(ring.find(first)).isPresent();
        clock.set(activates.plus(RETIREMENT_GRACE));
        assertThat(ring.find(first)).as("retired by the schedule alone").isEmpty();
        assertThat(kids(ring.published())).containsExactly(next.kid());

        assertThat(ring.retireDue()).isEqualTo(1);
        assertThat(ring.retireDue()).isZero();
        StoredSigningKey retired = stores.signingKeys.all().getFirst();
        assertThat(retired.retiredAt()).isEqualTo(activates.plus(RETIREMENT_GRACE));
        assertThat(retired.sealedPrivateKey()).as("erased").isNull();
        assertThat(ring.schedule().status(first)).get().extracting(SigningKeyStatus::state)
                .isEqualTo(SigningKeyState.RETIRED);
    }

    @Test
    void anImmediateReplacementSignsAtOnceAndRetiresEveryOtherKeyPendingOnesToo() {
        SigningKeyRing ring = node(SigningKeyRing.ES256);
        String first = ring.active().kid();
        clock.advance(Duration.ofMinutes(1));
        String pending = ring.publishNext().orElseThrow().kid();
        clock.advance(Duration.ofMinutes(1));
        SigningKeyStatus replacement = ring.replaceNow();
        assertThat(replacement.state()).isEqualTo(SigningKeyState.ACTIVE);
        assertThat(ring.active().kid()).isEqualTo(replacement.kid());
        assertThat(ring.find(first)).isEmpty();
        assertThat(ring.find(pending)).isEmpty();
        assertThat(kids(ring.published())).containsExactly(replacement.kid());
        assertThat(stores.signingKeys.all()).filteredOn(k -> !k.kid().equals(replacement.kid()))
                .allSatisfy(k -> {
                    assertThat(k.retiredAt()).isEqualTo(clock.instant());
                    assertThat(k.sealedPrivateKey()).isNull();
                });
        clock.advance(PUBLICATION_LEAD);
        assertThat(ring.active().kid()).as("the replaced pending key never signs").isEqualTo(replacement.kid());
    }

    @Test
    void theScheduleRotatesOnceThePeriodHasPassedAndNotAgainWhileTheNewKeyIsPending() {
        SigningKeyRing ring = node(SigningKeyRing.ES256);
        clock.advance(PERIOD.minusMillis(1));
        ring.maintain(PERIOD);
        assertThat(stores.signingKeys.all()).hasSize(1);
        clock.advance(Duration.ofMillis(1));
        ring.maintain(PERIOD);
        ring.maintain(PERIOD);
        assertThat(stores.signingKeys.all()).hasSize(2);
        ring.maintain(Duration.ZERO);
        clock.advance(PERIOD.multipliedBy(2));
        ring.maintain(Duration.ZERO);
        assertThat(stores.signingKeys.all()).as("rotation off").hasSize(2);
        assertThat(stores.signingKeys.all().getFirst().retiredAt()).as("retirements still recorded").isNotNull();
    }

    @Test
    void twoNodesOnOneStoreMakeOneKeyPerPeriodWhenTheyRotateAtOnce() throws Exception {
        SigningKeyRing a = node(SigningKeyRing.ES256);
        SigningKeyRing b = node(SigningKeyRing.ES256);
        for (int period = 1; period <= 5; period++) {
            clock.advance(PERIOD.plus(PUBLICATION_LEAD));
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> runs = new ArrayList<>();
            try (var pool = Executors.newFixedThreadPool(2)) {
                for (SigningKeyRing ring : List.of(a, b)) {
                    runs.add(pool.submit(() -> {
                        start.await();
                        ring.maintain(PERIOD);
                        return null;
                    }));
                }
                start.countDown();
            }
            for (Future<?> run : runs) {
                run.get();
            }
            assertThat(stores.signingKeys.all()).as("after period %d", period).hasSize(1 + period);
        }
    }

    @Test
    void aNodeLearnsOfAnotherNodesKeyOnReloadAndSignsWithItFromItsActivation() {
        SigningKeyRing a = node(SigningKeyRing.ES256);
        SigningKeyRing b = node(SigningKeyRing.ES256);
        SigningKeyStatus next = a.publishNext().orElseThrow();
        assertThat(b.find(next.kid())).as("not read yet").isEmpty();
        b.reload();
        assertThat(b.find(next.kid())).isPresent();
        clock.set(next.activatesAt());
        assertThat(b.active().kid()).isEqualTo(next.kid());
    }

    @Test
    void anotherAlgorithmIsPublishedAheadAtStartAndTheOldKeySignsUntilThen() {
        SigningKeyRing es = node(SigningKeyRing.ES256);
        String first = es.active().kid();
        clock.advance(Duration.ofMinutes(1));
        SigningKeyRing rs = node(SigningKeyRing.RS256);
        assertThat(rs.active().kid()).isEqualTo(first);
        assertThat(rs.schedule().pending()).get().extracting(SigningKeyStatus::algorithm)
                .isEqualTo(SigningKeyRing.RS256);
        clock.advance(PUBLICATION_LEAD);
        assertThat(rs.active().algorithm()).isEqualTo(SigningKeyRing.RS256);
        node(SigningKeyRing.RS256);
        assertThat(stores.signingKeys.all()).as("a restart with the same algorithm makes none").hasSize(2);
    }
}
