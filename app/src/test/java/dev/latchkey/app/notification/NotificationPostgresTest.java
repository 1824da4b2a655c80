package dev.latchkey.app.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.latchkey.app.ServerConfig;
import dev.latchkey.app.support.NotificationTestKit;
import dev.latchkey.app.support.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two server nodes on one PostgreSQL database run the expiry job and the dispatcher at the same moment: every
 * warning is recorded once and every message is sent once.
 */
class NotificationPostgresTest {
    @RegisterExtension
    final GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @Test
    void twoNodesOnOneDatabaseWarnOnceAndDeliverEachMessageOnce() throws Exception {
        ServerConfig config = TestServer.config(true).withNotifications(NotificationTestKit.driven()
                .withSmtp(NotificationTestKit.smtp(mail.getSmtp().getPort())));
        try (TestServer one = TestServer.start(config); TestServer two = TestServer.start(config)) {
            NotificationTestKit kit = new NotificationTestKit(one);
            Instant now = Instant.now();
            for (Duration in : List.of(Duration.ofHours(3), Duration.ofDays(2), Duration.ofDays(5))) {
                kit.fixtures.insertKey(kit.accountId, kit.member.iamId(), now.plus(in), false, false);
            }
            int warned = both(one.wiring.notifications().expiry()::runOnce, two.wiring.notifications().expiry()::runOnce);
            assertThat(warned).isEqualTo(3);
            var key = kit.memberKey("shared");
            assertThat(one.delete("/v1/apikeys/" + key.id(), kit.adminToken).status()).isEqualTo(204);

            int attempted = both(one.wiring.notifications().dispatcher()::runOnce,
                    two.wiring.notifications().dispatcher()::runOnce);
            assertThat(attempted).isEqualTo(12);
            assertThat(mail.waitForIncomingEmail(10_000, 12)).isTrue();
            assertThat(mail.getReceivedMessages()).as("no message twice").hasSize(12);
            assertThat(kit.notifications("delivered")).hasSize(12)
                    .allSatisfy(n -> assertThat(n.get("attempts").asInt()).isEqualTo(1));
        }
    }

    /** Runs both at once and adds up what they return. */
    private static int both(Callable<Integer> a, Callable<Integer> b) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            int sum = 0;
            for (Future<Integer> f : pool.invokeAll(List.of(a, b))) {
                sum += f.get();
            }
            return sum;
        } finally {
            pool.shutdownNow();
        }
    }
}
