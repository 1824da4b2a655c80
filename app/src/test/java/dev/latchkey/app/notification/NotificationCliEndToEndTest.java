package dev.latchkey.app.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.app.support.CliEndToEnd;
import dev.latchkey.app.support.LatchkeyCli;
import dev.latchkey.app.support.LatchkeyCli.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook endpoint and outbox commands against a real server: an endpoint's secret is shown once (or only
 * written to its file), a key disabled by someone else is queued for it, and an identity without the role is refused.
 */
class NotificationCliEndToEndTest extends CliEndToEnd {
    static final Pattern KEY = Pattern.compile("lk_[0-9A-Za-z]{49}");
    static final Pattern ENDPOINT = Pattern.compile("Endpoint-[0-9a-f-]{36}");
    @TempDir
    Path botConfig;

    @Test
    void theOwnerAddsEndpointsSeesTheirDeliveriesAndOthersAreRefused() throws Exception {
        assertThat(latchkey("login", "--apikey", server.adminKey, "--url", server.url).exit()).isZero();

        Run created = latchkey("notification-endpoint-create", "https://hooks.example.com/latchkey", "-d", "security");
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.out()).contains("(events: key)", "Signing secret: lkwh_", "cannot be shown again");
        String endpoint = first(ENDPOINT, created.out());
        Path secretFile = configDir.resolve("siem-secret");
        Run siem = latchkey("notification-endpoint-create", "https://siem.example.com/audit", "--events", "audit",
                "--secret-file", secretFile.toString());
        assertThat(siem.exit()).as(siem.err()).isZero();
        assertThat(siem.out()).doesNotContain("lkwh_").contains("written to " + secretFile);
        assertThat(Files.readString(secretFile)).matches("lkwh_[0-9A-Za-z]{49}\\n");

        Run listed = latchkey("notification-endpoints");
        assertThat(listed.out()).contains(endpoint, "https://hooks.example.com/latchkey", "security",
                "https://siem.example.com/audit", "audit").doesNotContain("lkwh_");

        // a service ID's key disabled by the owner: "disabled by someone else", queued for the key endpoint
        assertThat(latchkey("service-id-create", "billing").exit()).isZero();
        Run botKeyMade = latchkey("service-api-key-create", "billing-key", "billing");
        String botKey = first(KEY, botKeyMade.out());
        String botKeyId = first(Pattern.compile("ApiKey-[0-9a-f-]{36}"), botKeyMade.out());
        Run disabled = latchkey("api-key-disable", botKeyId);
        assertThat(disabled.exit()).as(disabled.err()).isZero();
        Run outbox = latchkey("notifications");
        assertThat(outbox.exit()).as(outbox.err()).isZero();
        assertThat(outbox.out()).contains("apikey.disabled_by_other", "webhook", "https://hooks.example.com/latchkey");
        assertThat(latchkey("notifications", "--state", "delivered").err()).isEqualTo("No notifications in state "
                + "delivered.\n");

        assertThat(latchkey("api-key-enable", botKeyId).exit()).isZero();
        assertThat(new LatchkeyCli(botConfig).run("login", "--apikey", botKey, "--url", server.url).exit()).isZero();
        Run refused = new LatchkeyCli(botConfig).run("notification-endpoint-create", "https://evil.example.com/");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("HTTP 403");
        assertThat(new LatchkeyCli(botConfig).run("notification-endpoint-delete", endpoint, "-f").exit()).isEqualTo(1);
        assertThat(new LatchkeyCli(botConfig).run("notifications").exit()).isEqualTo(1);

        Run deleted = latchkey("notification-endpoint-delete", endpoint, "-f");
        assertThat(deleted.exit()).as(deleted.err()).isZero();
        assertThat(latchkey("notification-endpoints").out()).doesNotContain(endpoint);
    }
}
