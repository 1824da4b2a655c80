package dev.latchkey.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The full cache's memory of recent misses: a key gets in on its second miss while it is remembered. */
class DoorkeeperTest {
    @Test
    void aKeyIsLetInOnItsSecondMissOnly() {
        Doorkeeper door = new Doorkeeper(1_000);
        assertThat(door.letIn("key-a")).isFalse();
        assertThat(door.letIn("key-a")).isTrue();
        assertThat(door.letIn("key-b")).isFalse();
    }

    @Test
    void aKeyIsRememberedForAtLeastSpanMoreMissesAndForgottenAfterTwice() {
        Doorkeeper door = new Doorkeeper(1_000);
        door.letIn("key-a");
        IntStream.range(0, 1_000).forEach(i -> door.letIn("other-" + i));
        assertThat(door.letIn("key-a")).as("in the older generation after one change").isTrue();

        Doorkeeper forgetting = new Doorkeeper(1_000);
        forgetting.letIn("key-a");
        IntStream.range(0, 2_200).forEach(i -> forgetting.letIn("other-" + i)); // a few are let in, not remembered
        assertThat(forgetting.letIn("key-a")).as("both generations changed since").isFalse();
    }

    @Test
    void fewKeysNeverMissedAreLetIn() {
        Doorkeeper door = new Doorkeeper(100_000);
        IntStream.range(0, 99_999).forEach(i -> door.letIn("remembered-" + i));
        long letIn = IntStream.range(0, 10_000).filter(i -> door.letIn("new-" + i)).count();
        assertThat(letIn).as("false positives of 10,000 keys never missed").isLessThan(500);
    }
}
