package dev.latchkey.app.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.latchkey.app.support.IbmErrors.assertTokenError;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import dev.latchkey.app.support.Browser;
import dev.latchkey.app.support.Fixtures.Person;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * User details' profile and settings in a real browser (decision 0044): the owner limits a member's allowed
 * addresses and the member's next token is refused, edits the member's profile, and sees a bad language refused in
 * the dialog; the member changes their own language but not their address list until user-managed login is on.
 */
class ConsoleUserSettingsTest extends ConsoleBrowserTest {
    static String adminToken;
    static String accountId;

    @BeforeAll
    static void arrange() {
        adminToken = server.token(server.adminKey);
        accountId = server.call("GET", "/v1/apikeys/details", adminToken, null, Map.of("IAM-ApiKey", server.adminKey))
                .body().get("account_id").asText();
    }

    String settingsOf(Person who, String field) {
        return server.get("/v2/accounts/" + accountId + "/users/" + who.iamId() + "/settings", adminToken).body()
                .get(field).asText();
    }

    Locator fact(String term) {
        return page.locator(".facts div").filter(new Locator.FilterOptions().setHas(page.getByText(term,
                new Page.GetByTextOptions().setExact(true)))).locator("dd");
    }

    @Test
    void theOwnerLimitsAMembersAddressesEditsTheirProfileAndSeesABadLanguageRefused() {
        Person member = fixtures.member(accountId);
        secret(member.apikey());
        signInWithApiKey(server.adminKey);
        page.navigate(server.url + "/iam/users/" + member.iamId());
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions()
                .setName("Profile and settings in this account"))).isVisible();
        assertThat(fact("Allowed IP addresses")).hasText("Any address");
        Browser.assertAccessible(page);

        button("Edit settings").click();
        Locator settings = dialog("Edit settings");
        settings.getByLabel("Language", new Locator.GetByLabelOptions().setExact(true)).fill("fr");
        settings.getByLabel("Allowed IP addresses", new Locator.GetByLabelOptions().setExact(true)).fill("192.0.2.0/24");
        Browser.assertAccessible(page);
        button(settings, "Save settings").click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Settings saved");
        assertThat(fact("Allowed IP addresses")).hasText("192.0.2.0/24");
        assertThat(fact("Language")).hasText("fr");
        assertThat(settingsOf(member, "allowed_ip_addresses")).isEqualTo("192.0.2.0/24");
        assertTokenError(server.tokenFor(member.apikey()), "LKIAM0466E", "this user");

        button("Edit profile").click();
        Locator profile = dialog("Edit profile");
        profile.getByLabel("First name").fill("Ada");
        profile.getByLabel("Phone number", new Locator.GetByLabelOptions().setExact(true)).fill("+1 555 0100");
        button(profile, "Save profile").click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Profile saved");
        assertThat(fact("First name")).hasText("Ada");
        assertThat(fact("Phone number")).hasText("+1 555 0100");
        Browser.screenshot(page, "user-profile-and-settings");

        button("Edit settings").click();
        settings.getByLabel("Language", new Locator.GetByLabelOptions().setExact(true)).fill("not a language");
        Response refused = page.waitForResponse(r -> r.url().endsWith("/settings"),
                () -> button(settings, "Save settings").click());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(settings).isVisible();
        assertThat(settings.getByRole(AriaRole.ALERT)).containsText("'language'");
        assertThat(settings.getByLabel("Language", new Locator.GetByLabelOptions().setExact(true)))
                .hasValue("not a language");
        assertThat(settingsOf(member, "language")).isEqualTo("fr");
        Browser.assertAccessible(page);
    }

    @Test
    void aMemberChangesTheirOwnLanguageAndTheirAddressesOnlyWithUserManagedLogin() {
        Person member = fixtures.member(accountId);
        secret(member.apikey());
        signInWithApiKey(member.apikey());
        page.navigate(server.url + "/iam/users/" + member.iamId());
        button("Edit settings").click();
        Locator settings = dialog("Edit settings");
        assertThat(settings.getByLabel("Allowed IP addresses", new Locator.GetByLabelOptions().setExact(true))).not().isEditable();
        assertThat(settings.getByRole(AriaRole.CHECKBOX)).hasCount(0);
        settings.getByLabel("Notification language").fill("de");
        button(settings, "Save settings").click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Settings saved");
        assertThat(settingsOf(member, "notification_language")).isEqualTo("de");

        assertThat(server.call("PATCH", "/v2/accounts/" + accountId + "/users/" + member.iamId() + "/settings",
                adminToken, "{\"self_manage\":true}", Map.of()).status()).isEqualTo(204);
        page.reload();
        button("Edit settings").click();
        settings.getByLabel("Allowed IP addresses", new Locator.GetByLabelOptions().setExact(true)).fill("127.0.0.1, 10.0.0.0/8");
        button(settings, "Save settings").click();
        assertThat(fact("Allowed IP addresses")).hasText("127.0.0.1, 10.0.0.0/8");
        assertThat(server.tokenFor(member.apikey()).status()).as("127.0.0.1 is on the list").isEqualTo(200);
    }
}
