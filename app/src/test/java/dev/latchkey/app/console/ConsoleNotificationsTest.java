package dev.latchkey.app.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.latchkey.app.support.Browser;
import dev.latchkey.app.support.Fixtures.Person;
import dev.latchkey.app.support.TestServer.Answer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Notifications in a real browser: an endpoint the server refuses keeps what was typed; one it takes shows its
 * signing secret once, and never again; a key disabled by someone else is a delivery in the outbox; an endpoint's
 * events and description are edited (none checked is refused in the dialog, an edit over someone else's change is
 * refused and shows theirs); an endpoint is deleted after a confirmation. Who may see and do what is in
 * {@code ConsolePagesAccessTest}.
 */
class ConsoleNotificationsTest extends ConsoleBrowserTest {

    @Test
    void anEndpointIsAddedWithItsSecretShownOnceAndDeletedAndDeliveriesAreListed() {
        Person owner = fixtures.accountWithOwner();
        signInWithApiKey(owner.apikey());
        page.locator("nav.side").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Notifications"))
                .click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Notifications")
                .setLevel(1))).isVisible();
        assertThat(page.getByText("There are no webhook endpoints.")).isVisible();
        Browser.assertAccessible(page);

        button("Add endpoint").click();
        Locator add = dialog("Add webhook endpoint");
        add.getByLabel("URL").fill("https://127.0.0.1/hook");
        add.getByLabel("Description").fill("security team");
        button(add, "Add").click();
        Locator refused = dialog("Add webhook endpoint");
        assertThat(refused.getByRole(AriaRole.ALERT)).containsText("Field 'url' is not allowed");
        assertThat(refused.getByLabel("URL")).hasValue("https://127.0.0.1/hook");
        assertThat(refused.getByLabel("Description")).hasValue("security team");

        refused.getByLabel("URL").fill("https://hooks.example.com/console");
        refused.getByLabel("The audit trail").check();
        button(refused, "Add").click();
        Locator created = dialog("Webhook endpoint added");
        String value = secret(created.getByLabel("Signing secret").inputValue());
        assertThat(value).matches("lkwh_[0-9A-Za-z]{49}");
        Browser.assertAccessible(page);
        Browser.screenshot(page, "notifications-secret");
        button(created, "Close").click();
        assertThat(created).isHidden();

        page.navigate(server.url + "/iam/notifications");
        assertThat(page.content()).doesNotContain(value);
        Locator row = page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Webhook endpoints"))
                .getByRole(AriaRole.ROW)
                .filter(new Locator.FilterOptions().setHasText("https://hooks.example.com/console"));
        assertThat(row).containsText("key, audit");
        assertThat(row).containsText("security team");

        // a service ID's key disabled by the owner: someone else, so its event is queued for the endpoint
        String ownerToken = server.token(owner.apikey());
        Person bot = fixtures.serviceIdWithKey(owner.accountId(), owner.iamId());
        String keyId = server.call("GET", "/v1/apikeys/details", server.token(bot.apikey()), null,
                Map.of("IAM-ApiKey", bot.apikey())).body().get("id").asText();
        Answer disabled = server.post("/v1/apikeys/" + keyId + "/disable", ownerToken, null);
        assertThat(disabled.status()).as(disabled.raw()).isEqualTo(204);
        page.reload();
        Locator deliveries = page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions()
                .setName("Deliveries, newest first"));
        assertThat(deliveries).containsText("apikey.disabled_by_other");
        assertThat(deliveries).containsText("webhook: https://hooks.example.com/console");
        Browser.assertAccessible(page);
        Browser.screenshot(page, "notifications");

        button("Edit endpoint https://hooks.example.com/console").click();
        Locator edit = dialog("Edit webhook endpoint");
        assertThat(edit.getByLabel("Description")).hasValue("security team");
        assertThat(edit.getByLabel("Key events")).isChecked();
        assertThat(edit.getByLabel("The audit trail")).isChecked();
        edit.getByLabel("Key events").uncheck();
        edit.getByLabel("The audit trail").uncheck();
        button(edit, "Save").click();
        Locator none = dialog("Edit webhook endpoint");
        assertThat(none.getByRole(AriaRole.ALERT)).containsText("Field 'events' must name at least one");
        assertThat(none.getByLabel("Key events")).not().isChecked();
        none.getByLabel("The audit trail").check();
        none.getByLabel("Description").fill("SIEM");
        Browser.assertAccessible(page);
        Browser.screenshot(page, "notifications-edit");
        button(none, "Save").click();
        assertThat(row).containsText("SIEM");
        assertThat(row).not().containsText("key,");
        assertThat(row.getByRole(AriaRole.CELL).first()).hasText("audit");

        // someone else changes it while the dialog is open: saving over that is refused and shows their change
        button("Edit endpoint https://hooks.example.com/console").click();
        Locator stale = dialog("Edit webhook endpoint");
        String endpointId = server.get("/v1/accounts/" + owner.accountId() + "/notification_endpoints", ownerToken)
                .body().get("endpoints").get(0).get("id").asText();
        Answer elsewhere = server.call("PATCH", "/v1/accounts/" + owner.accountId() + "/notification_endpoints/"
                + endpointId, ownerToken, "{\"description\":\"changed elsewhere\"}", Map.of("If-Match", "*"));
        assertThat(elsewhere.status()).as(elsewhere.raw()).isEqualTo(200);
        stale.getByLabel("Description").fill("mine");
        button(stale, "Save").click();
        Locator shown = dialog("Edit webhook endpoint");
        assertThat(shown.getByRole(AriaRole.ALERT)).containsText("Someone changed this endpoint after you opened it");
        assertThat(shown.getByLabel("Description")).hasValue("changed elsewhere");
        button(shown, "Cancel").click();

        button("Delete endpoint https://hooks.example.com/console").click();
        Locator confirm = dialog("Delete this webhook endpoint?");
        button(confirm, "Delete").click();
        assertThat(page.getByText("There are no webhook endpoints.")).isVisible();
        assertThat(server.get("/v1/accounts/" + owner.accountId() + "/notification_endpoints", ownerToken).body()
                .get("endpoints")).isEmpty();
    }
}
