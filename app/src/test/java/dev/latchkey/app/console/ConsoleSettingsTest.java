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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Settings in a real browser, each test in an account of its own: restricting API key creation (and the owner
 * seeing why on the API keys page), the allow-list that would lock this browser out (asked first), a change made
 * meanwhile through the API (refused, nothing overwritten), and who may not read the settings.
 */
class ConsoleSettingsTest extends ConsoleBrowserTest {
    Person owner;

    @BeforeEach
    void newAccount() {
        owner = fixtures.accountWithOwner();
    }

    void openSettings() {
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Settings")).click();
        assertThat(page).hasURL(server.url + "/iam/settings");
    }

    void save() {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save").setExact(true)).click();
    }

    Answer settingsViaApi(String token) {
        return server.get("/v1/accounts/" + owner.accountId() + "/settings/identity", token);
    }

    @Test
    void restrictingApiKeyCreationShowsTheOwnerWhyTheyCannotCreate() {
        signInWithApiKey(owner.apikey());
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create").setExact(true)))
                .isVisible();
        openSettings();
        Locator restrict = page.getByLabel("Restrict API key creation");
        assertThat(restrict).not().isChecked();
        assertThat(page.getByText("only identities with the User API key creator role")).isVisible();
        restrict.check();
        page.getByLabel("Access token expiration").fill("1800");
        save();
        assertThat(page).hasURL(server.url + "/iam/settings?saved=1");
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Settings saved.");
        assertThat(page.getByLabel("Restrict API key creation")).isChecked();
        assertThat(page.getByLabel("Restrict service ID creation")).not().isChecked();
        assertThat(page.getByLabel("Access token expiration")).hasValue("1800");
        Locator changes = page.getByRole(AriaRole.TABLE,
                new Page.GetByRoleOptions().setName("Recent changes to the account settings, newest first"));
        assertThat(changes.locator("tbody tr")).hasCount(1);
        assertThat(changes.locator("tbody tr")).containsText(owner.iamId());
        assertThat(changes.locator("tbody tr")).containsText("restrict_create_platform_apikey: 'NOT_SET' → "
                + "'RESTRICTED'; system_access_token_expiration_in_seconds: '3600' → '1800'");
        Browser.screenshot(page, "settings");
        Browser.assertAccessible(page);

        Answer stored = settingsViaApi(server.token(owner.apikey()));
        assertThat(stored.body().get("restrict_create_platform_apikey").asText()).isEqualTo("RESTRICTED");
        assertThat(stored.body().get("restrict_create_service_id").asText()).as("untouched").isEqualTo("NOT_SET");
        assertThat(stored.body().get("system_access_token_expiration_in_seconds").asText()).isEqualTo("1800");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("API keys")).click();
        assertThat(page.getByRole(AriaRole.NOTE)).containsText("Restrict API key creation.");
        assertThat(page.getByRole(AriaRole.NOTE)).containsText("User API key creator");
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create").setExact(true)))
                .hasCount(0);
        Browser.assertAccessible(page);
    }

    @Test
    void apiKeyLifetimeAndIdlenessAreSetHereAndKeysThatOutliveTheLimitAreListed() {
        signInWithApiKey(owner.apikey());
        openSettings();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions()
                .setName("API keys that outlive the maximum lifetime"))).hasCount(0);
        page.getByLabel("Maximum API key lifetime").fill("90");
        page.getByLabel("Disable unused API keys after").fill("180");
        save();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Settings saved.");
        assertThat(page.getByLabel("Maximum API key lifetime")).hasValue("90");
        assertThat(page.getByLabel("Disable unused API keys after")).hasValue("180");
        Locator longLived = page.locator("#long-lived-keys");
        assertThat(longLived.locator("tbody tr")).hasCount(1);
        assertThat(longLived.locator("tbody tr")).containsText(owner.iamId());
        assertThat(longLived.locator("tbody tr")).containsText("never");
        Browser.screenshot(page, "settings-apikey-rules");
        Browser.assertAccessible(page);
        Answer stored = settingsViaApi(server.token(owner.apikey()));
        assertThat(stored.body().get("apikey_max_lifetime_days").asText()).isEqualTo("90");
        assertThat(stored.body().get("apikey_disable_after_inactive_days").asText()).isEqualTo("180");

        page.getByLabel("Maximum API key lifetime").fill("0");
        save();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("'apikey_max_lifetime_days'");
        assertThat(page.getByLabel("Maximum API key lifetime")).hasValue("0");
        openSettings();
        page.getByLabel("Maximum API key lifetime").fill("");
        save();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Settings saved.");
        assertThat(page.locator("#long-lived-keys")).hasCount(0);
        assertThat(settingsViaApi(server.token(owner.apikey())).body().get("apikey_max_lifetime_days").asText())
                .isEqualTo("NOT_SET");
    }

    @Test
    void anAllowListWithoutThisBrowsersAddressIsSavedOnlyAfterAConfirmation() {
        signInWithApiKey(owner.apikey());
        openSettings();
        Locator allowed = page.getByLabel("Allowed IP addresses");
        allowed.fill("127.0.0.1, 10.0.0.0/8");
        save();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Settings saved.");
        assertThat(page.getByLabel("Allowed IP addresses")).hasValue("127.0.0.1, 10.0.0.0/8");
        assertThat(server.tokenFor(owner.apikey()).status()).as("this address is allowed").isEqualTo(200);

        page.getByLabel("Allowed IP addresses").fill("203.0.113.0/24");
        save();
        Locator dialog = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions()
                .setName("Lock out your own address?"));
        assertThat(dialog).isVisible();
        assertThat(dialog).containsText("127.0.0.1");
        Browser.screenshot(page, "settings-lockout");
        Browser.assertAccessible(page);
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel")).click();
        assertThat(dialog).isHidden();
        assertThat(settingsViaApi(server.token(owner.apikey())).body().get("allowed_ip_addresses").asText())
                .as("nothing saved without the confirmation").isEqualTo("127.0.0.1, 10.0.0.0/8");

        save();
        assertThat(dialog).isVisible();
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save anyway")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Settings saved.");
        assertThat(page.getByLabel("Allowed IP addresses")).hasValue("203.0.113.0/24");
        Answer refused = server.tokenFor(owner.apikey());
        assertThat(refused.status()).as("the list now applies: " + refused.raw()).isNotEqualTo(200);
    }

    @Test
    void aChangeMadeMeanwhileIsNotOverwritten() {
        signInWithApiKey(owner.apikey());
        openSettings();
        String token = server.token(owner.apikey());
        Answer meanwhile = server.call("PUT", "/v1/accounts/" + owner.accountId() + "/settings/identity", token,
                "{\"system_access_token_expiration_in_seconds\":\"1200\"}", Map.of("If-Match", "*"));
        assertThat(meanwhile.status()).as(meanwhile.raw()).isEqualTo(200);

        page.getByLabel("Access token expiration").fill("900");
        page.getByLabel("Restrict service ID creation").check();
        save();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("Someone changed the account settings after you "
                + "opened this page, so nothing was saved.");
        assertThat(page.getByLabel("Access token expiration")).hasValue("900"); // what was typed stays
        Browser.assertAccessible(page);
        Answer stored = settingsViaApi(token);
        assertThat(stored.body().get("system_access_token_expiration_in_seconds").asText()).isEqualTo("1200");
        assertThat(stored.body().get("restrict_create_service_id").asText()).isEqualTo("NOT_SET");

        page.getByLabel("Access token expiration").fill("60");
        save();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("Someone changed"); // still the stale tag
        page.navigate(server.url + "/iam/settings");
        assertThat(page.getByLabel("Access token expiration")).hasValue("1200");
        page.getByLabel("Access token expiration").fill("60");
        save();
        assertThat(page.getByRole(AriaRole.ALERT)) // the service's own words
                .containsText("system_access_token_expiration_in_seconds");
    }

    @Test
    void restrictingUsersOfOtherAccountsRefusesTheirSwitchToThisAccount() {
        Person elsewhere = fixtures.accountWithOwner();
        Person user = fixtures.member(owner.accountId(), dev.latchkey.core.access.Role.VIEWER);
        fixtures.join(elsewhere.accountId(), user.iamId());
        String keyOfElsewhere = fixtures.key(elsewhere.accountId(), user.iamId(), null, false);

        signInWithApiKey(owner.apikey());
        openSettings();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions()
                .setName("Resources: external identity interactions"))).isVisible();
        assertThat(page.getByLabel("Not restricted")).isChecked();
        page.getByLabel("Restricted", new Page.GetByLabelOptions().setExact(true)).check();
        page.getByLabel("Allowed accounts").fill("not an id!");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save resource settings")).click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("external_allowed_accounts");
        page.getByLabel("Allowed accounts").fill("");
        page.getByLabel("Restricted", new Page.GetByLabelOptions().setExact(true)).check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save resource settings")).click();
        assertThat(page).hasURL(server.url + "/iam/settings?saved=1");
        assertThat(page.getByLabel("Restricted", new Page.GetByLabelOptions().setExact(true))).isChecked();
        assertThat(page.locator("table.data tbody tr").first()).containsText("'enabled' (0 allowed accounts) → "
                + "'limited' (0 allowed accounts)");
        Browser.assertAccessible(page);
        assertThat(server.get("/v1/accounts/" + owner.accountId() + "/settings/access_management",
                server.token(owner.apikey())).body().at("/external_account_identity_interaction/identity_types/user/"
                + "state").asText()).isEqualTo("limited");

        // the user signs in with the key of the other account, then switches to the owner's account: refused
        page.context().clearCookies();
        signInWithApiKey(keyOfElsewhere);
        page.getByLabel("Account").selectOption(owner.accountId());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Switch")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Forbidden"))).isVisible();
        assertThat(page.locator("main")).containsText("limits external identity interactions");
        Answer switched = server.tokenRequest(Map.of("grant_type", "urn:ibm:params:oauth:grant-type:apikey",
                "apikey", keyOfElsewhere, "account", owner.accountId()), Map.of());
        assertThat(switched.status()).isEqualTo(400);
        assertThat(switched.body().get("errorCode").asText()).isEqualTo("LKIAM0467E");
    }

    @Test
    void aMemberWithoutAccessGetsTheServicesRefusal() {
        Person member = fixtures.member(owner.accountId());
        signInWithApiKey(member.apikey());
        openSettings();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Forbidden"))).isVisible();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("iam-identity.account.get");
        assertThat(page.getByLabel("Restrict API key creation")).hasCount(0);
    }
}
