package dev.latchkey.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.http.SlowRequestGuard.Phase;
import dev.latchkey.http.SlowRequestGuard.Seen;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The guard's judgement, look by look (every half second in the server): only the time the connection waits on the
 * client counts. {@code HttpEdgeTest.slowClientsAreCutOff} shows the same rule cutting off real trickling clients.
 */
class SlowRequestGuardTest {
    static final long LOOK = Duration.ofMillis(500).toNanos();

    /** Looks at one request {@code looks} times, half a second apart; the last answer, null once closed. */
    static Seen look(Phase phase, int looks, boolean waitingOnClient, long bytesPerLook) {
        Seen seen = SlowRequestGuard.IDLE;
        long bytes = 100;
        for (int i = 0; i < looks && seen != null; i++) {
            seen = SlowRequestGuard.next(seen, phase, 7, bytes, waitingOnClient, i * LOOK);
            bytes += bytesPerLook;
        }
        return seen;
    }

    @Test
    void headersThatTakeMoreThanTenSecondsOfWaitingAreCutOff() {
        assertThat(look(Phase.HEADERS, 20, true, 1)).as("9.5 s").isNotNull();
        assertThat(look(Phase.HEADERS, 22, true, 1)).as("10.5 s").isNull();
    }

    @Test
    void aBodyBelowTheRateIsCutOffAfterTheGraceAndOneAboveItIsNot() {
        assertThat(look(Phase.BODY, 11, true, 0)).as("5 s with nothing").isNotNull();
        assertThat(look(Phase.BODY, 12, true, 0)).as("5.5 s with nothing").isNull();
        assertThat(look(Phase.BODY, 12, true, 1000)).as("2,000 bytes a second").isNull();
        assertThat(look(Phase.BODY, 200, true, 2100)).as("4,200 bytes a second for 100 s").isNotNull();
    }

    @Test
    void timeTheServerSpendsBeforeItReadsIsNotTheClients() {
        assertThat(look(Phase.BODY, 120, false, 0)).as("a minute with the body not asked for").isNotNull();
        assertThat(look(Phase.HEADERS, 120, false, 0)).as("a minute with the headers not parsed").isNotNull();

        Seen seen = SlowRequestGuard.IDLE;
        for (int i = 0; i < 40; i++) { // 20 s in which the server waits on the client one look in four: 5 s
            seen = SlowRequestGuard.next(seen, Phase.BODY, 7, 100, i % 4 == 1, i * LOOK);
        }
        assertThat(seen).as("5 s of waiting in 20").isNotNull();
        assertThat(seen.waitedNanos()).isEqualTo(Duration.ofSeconds(5).toNanos());
        assertThat(SlowRequestGuard.next(seen, Phase.BODY, 7, 100, true, 40 * LOOK)).as("5.5 s of waiting").isNull();
    }

    @Test
    void aNewRequestOrPhaseStartsAgainAndAReadRequestIsIdle() {
        Seen body = look(Phase.BODY, 11, true, 0);
        assertThat(SlowRequestGuard.next(body, Phase.BODY, 8, 100, true, 11 * LOOK).waitedNanos())
                .as("the next request on the connection").isZero();
        assertThat(SlowRequestGuard.next(body, Phase.HEADERS, 7, 100, true, 11 * LOOK).waitedNanos()).isZero();
        assertThat(SlowRequestGuard.next(body, Phase.IDLE, 7, 100, true, 11 * LOOK)).isSameAs(SlowRequestGuard.IDLE);
    }
}
