package dev.latchkey.app.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.app.support.NotificationTestKit;
import dev.latchkey.app.support.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Expiry warnings on H2: the right kind per key, once per kind, however often the job runs. */
class NotificationExpiryTest {
    @Test
    void expiryWarningsAreSentOncePerKeyAndKindEvenWhenTheJobRunsTwice() {
        try (TestServer server = TestServer.start(TestServer.config(false)
                .withNotifications(NotificationTestKit.driven()))) {
            NotificationTestKit kit = new NotificationTestKit(server);
            Instant now = Instant.now();
            String member = kit.member.iamId();
            String inHours = kit.fixtures.insertKey(kit.accountId, member, now.plus(Duration.ofHours(5)), false, false).getKey();
            String inDays = kit.fixtures.insertKey(kit.accountId, member, now.plus(Duration.ofDays(4)), false, false).getKey();
            String later = kit.fixtures.insertKey(kit.accountId, member, now.plus(Duration.ofDays(30)), false, false).getKey();
            String expired = kit.fixtures.insertKey(kit.accountId, member, now.minus(Duration.ofHours(1)), false, false)
                    .getKey();

            var expiry = server.wiring.notifications().expiry();
            assertThat(expiry.runOnce()).isEqualTo(2);
            assertThat(expiry.runOnce()).isZero();

            List<JsonNode> rows = kit.notifications(null);
            Map<String, Long> eventsPerKeyAndKind = rows.stream().collect(Collectors.groupingBy(
                    n -> n.get("apikey_id").asText() + " " + n.get("type").asText(),
                    Collectors.mapping(n -> n.get("event_id").asText(), Collectors.collectingAndThen(Collectors.toSet(),
                            s -> (long) s.size()))));
            assertThat(eventsPerKeyAndKind).containsOnly(
                    Map.entry(inHours + " apikey.expires_in_1_day", 1L),
                    Map.entry(inDays + " apikey.expires_in_7_days", 1L));
            assertThat(rows).as("to the key's user and both administrators").hasSize(6)
                    .noneMatch(n -> n.get("apikey_id").asText().equals(later))
                    .noneMatch(n -> n.get("apikey_id").asText().equals(expired));
        }
    }
}
