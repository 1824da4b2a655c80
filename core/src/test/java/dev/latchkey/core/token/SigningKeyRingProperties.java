package dev.latchkey.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.InMemoryStores;
import dev.latchkey.core.common.MutableClock;
import dev.latchkey.core.common.SecretBox;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Any history of clock moves, rotations on request, scheduled maintenance and immediate replacements: one key signs
 * at every instant, every token verifies until it expires unless an immediate replacement came after it, and no
 * key signs before it was published for the publication lead (the first key and immediate ones aside).
 */
class SigningKeyRingProperties {
    enum Action { NOTHING, PUBLISH, MAINTAIN, REPLACE }

    record Step(Duration advance, Action action) {
    }

    /** A token as a client holds it: which key signed it and until when it is valid. */
    record Token(String kid, Instant expires) {
    }

    static final Duration PERIOD = Duration.ofDays(1);

    @Property(tries = 150)
    void tokensVerifyUntilTheyExpireAndOneKeyAlwaysSigns(@ForAll("histories") List<Step> history) {
        InMemoryStores stores = new InMemoryStores();
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        SigningKeyRing ring = new SigningKeyRing(stores.signingKeys, stores.tx,
                new SecretBox(new byte[32], new SecureRandom()), clock, SigningKeyRing.ES256);
        ring.load();
        List<Token> live = new ArrayList<>();
        List<Token> replaced = new ArrayList<>();
        for (Step step : history) {
            clock.advance(step.advance());
            switch (step.action()) {
                case NOTHING -> { }
                case PUBLISH -> ring.publishNext();
                case MAINTAIN -> ring.maintain(PERIOD);
                case REPLACE -> {
                    ring.replaceNow();
                    replaced.addAll(live);
                    live.clear();
                }
            }
            Instant now = clock.instant();
            SigningKeySchedule schedule = ring.schedule();
            assertThat(schedule.statuses()).filteredOn(s -> s.state() == SigningKeyState.ACTIVE).hasSize(1);
            live.add(new Token(ring.active().kid(), now.plusSeconds(3600)));
            for (Token token : replaced) {
                assertThat(ring.find(token.kid())).as("a key replaced at once").isEmpty();
            }
            for (Token token : live) {
                if (now.isBefore(token.expires())) {
                    assertThat(ring.find(token.kid())).as("the key of a token valid until %s, at %s",
                            token.expires(), now).isPresent();
                }
            }
            for (SigningKeyStatus s : schedule.statuses()) {
                boolean immediate = !s.activatesAt().isAfter(s.createdAt());
                assertThat(immediate || s.activatesAt().equals(s.createdAt().plus(SigningKeySchedule.PUBLICATION_LEAD)))
                        .as("%s signs at once or after the publication lead", s.kid()).isTrue();
            }
        }
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        Arbitrary<Duration> waits = Arbitraries.of(Duration.ZERO, Duration.ofMillis(1), Duration.ofMinutes(1),
                SigningKeySchedule.PUBLICATION_LEAD.minusMillis(1), SigningKeySchedule.PUBLICATION_LEAD,
                SigningKeySchedule.RETIREMENT_GRACE.minusMillis(1), SigningKeySchedule.RETIREMENT_GRACE,
                Duration.ofHours(5), PERIOD);
        Arbitrary<Action> actions = Arbitraries.frequency(Tuple.of(4, Action.NOTHING), Tuple.of(3, Action.PUBLISH),
                Tuple.of(3, Action.MAINTAIN), Tuple.of(1, Action.REPLACE));
        return Combinators.combine(waits, actions).as(Step::new).list().ofMinSize(1).ofMaxSize(30);
    }
}
