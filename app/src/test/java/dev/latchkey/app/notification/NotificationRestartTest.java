package dev.latchkey.app.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.latchkey.app.ServerConfig;
import dev.latchkey.app.support.NotificationTestKit;
import dev.latchkey.app.support.NotificationTestKit.Key;
import dev.latchkey.app.support.TestServer;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The outbox outlives the server: what was committed is delivered by the next server on the same data directory,
 * and mail that waited for want of an SMTP server goes out once a server starts with one.
 */
class NotificationRestartTest {
    @RegisterExtension
    final GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @Test
    void notificationsCommittedWhileDeliveryWasStoppedAreDeliveredAfterARestart() throws Exception {
        ServerConfig stopped = TestServer.config(false).withNotifications(NotificationTestKit.driven()
                .withSmtp(NotificationTestKit.smtp(mail.getSmtp().getPort())));
        String keyId;
        String displayPrefix;
        try (TestServer first = TestServer.start(stopped)) {
            NotificationTestKit kit = new NotificationTestKit(first);
            Key key = kit.memberKey("survivor");
            keyId = key.id();
            displayPrefix = key.displayPrefix();
            assertThat(first.delete("/v1/apikeys/" + key.id(), kit.adminToken).status()).isEqualTo(204);
            assertThat(kit.notifications("pending")).hasSize(3);
        }
        assertThat(mail.getReceivedMessages()).as("nothing was sent before the restart").isEmpty();

        ServerConfig polling = stopped.withNotifications(stopped.notifications().withPollInterval(Duration.ofMillis(50)));
        try (TestServer second = TestServer.start(polling)) {
            assertThat(second.adminKey).as("the same database: no new first start").isNull();
            assertThat(mail.waitForIncomingEmail(10_000, 3)).as("delivered by the background dispatcher").isTrue();
            assertThat(Arrays.stream(mail.getReceivedMessages()).map(MailText::subject))
                    .containsOnly("[Latchkey] API key \"survivor\" (" + displayPrefix + "…) was deleted by someone else");
            assertThat(Arrays.stream(mail.getReceivedMessages()).map(MailText::body)).allMatch(b -> b.contains(keyId));
        }
    }

    @Test
    void mailQueuedWithoutAnSmtpServerIsSentWhenAServerStartsWithOne() throws Exception {
        // Deferred mail waits the backoff cap; a cap of minutes keeps "not retried at once" true on a slow machine.
        ServerConfig noSmtp = TestServer.config(false).withNotifications(NotificationTestKit.driven().withDelivery(
                new dev.latchkey.core.notification.DeliveryPolicy(4, java.time.Duration.ofMillis(10),
                        java.time.Duration.ofMinutes(10), java.time.Duration.ofMinutes(1), 50)));
        try (TestServer first = TestServer.start(noSmtp)) {
            NotificationTestKit kit = new NotificationTestKit(first);
            Key key = kit.memberKey("waiting");
            assertThat(first.post("/v1/apikeys/" + key.id() + "/disable", kit.adminToken, null).status()).isEqualTo(204);
            assertThat(kit.deliver()).isEqualTo(3);
            assertThat(kit.notifications("pending")).hasSize(3).allSatisfy(n -> {
                assertThat(n.get("last_error").asText()).isEqualTo("no SMTP server configured");
                assertThat(n.get("attempts").asInt()).isZero();
            });
            assertThat(kit.deliver()).as("deferred, not retried at once").isZero();
        }
        ServerConfig withSmtp = noSmtp.withNotifications(noSmtp.notifications()
                .withSmtp(NotificationTestKit.smtp(mail.getSmtp().getPort())));
        try (TestServer second = TestServer.start(withSmtp)) {
            assertThat(second.wiring.notifications().dispatcher().runOnce()).isEqualTo(3);
            assertThat(mail.waitForIncomingEmail(5_000, 3)).isTrue();
        }
    }

    /** Reading a received message without checked exceptions. */
    static final class MailText {
        static String subject(jakarta.mail.internet.MimeMessage m) {
            try {
                return m.getSubject();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }

        static String body(jakarta.mail.internet.MimeMessage m) {
            try {
                return m.getContent().toString();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
