package dev.latchkey.core.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeliveryPolicyTest {
    @Test
    void backoffDoublesFromTheBaseAndStopsAtTheCap() {
        DeliveryPolicy policy = DeliveryPolicy.DEFAULT;
        assertThat(policy.maxAttempts()).isEqualTo(8);
        assertThat(policy.backoff(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.backoff(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.backoff(7)).isEqualTo(Duration.ofSeconds(128));
        assertThat(policy.backoff(9)).isEqualTo(Duration.ofSeconds(512));
        assertThat(policy.backoff(10)).isEqualTo(Duration.ofMinutes(10));
        assertThat(policy.backoff(1000)).as("no overflow").isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void nonsensicalPoliciesAreRefused() {
        assertThatThrownBy(() -> new DeliveryPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofMinutes(1), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeliveryPolicy(3, Duration.ofSeconds(5), Duration.ofSeconds(2),
                Duration.ofMinutes(1), 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
