package dev.latchkey.app.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.adapters.webhook.HttpWebhookSender;
import dev.latchkey.app.support.WebhookReceiver;
import dev.latchkey.core.notification.DeliveryOutcome;
import dev.latchkey.core.notification.WebhookTargets;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The target check runs before every delivery, on a real receiver: nothing reaches an address not allowed. */
class HttpWebhookSenderTest {

    @Test
    void aDeliveryToAnInternalAddressIsNotSentUnlessTheOperatorAllowsIt() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver();
             HttpWebhookSender publicOnly = new HttpWebhookSender(WebhookTargets.PUBLIC_ONLY);
             HttpWebhookSender allowing = new HttpWebhookSender(WebhookTargets.allowing("127.0.0.1/32"))) {
            DeliveryOutcome refused = publicOnly.post(URI.create(receiver.url()), Map.of(), "{}");
            assertThat(refused).isInstanceOfSatisfying(DeliveryOutcome.Failed.class, failed ->
                    assertThat(failed.reason()).startsWith("not sent: ").contains("internal")
                            .doesNotContain("127.0.0.1"));
            assertThat(receiver.requests()).isEmpty();

            // Sent: the receiver answers 401 to this unsigned test request, which proves it arrived.
            assertThat(allowing.post(URI.create(receiver.url()), Map.of(), "{}"))
                    .isEqualTo(new DeliveryOutcome.Failed("HTTP 401 from the endpoint"));
            assertThat(receiver.requests()).hasSize(1);
        }
    }
}
