package dev.latchkey.app.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.latchkey.app.support.Browser;
import dev.latchkey.app.support.Fixtures;
import dev.latchkey.app.support.Fixtures.Person;
import dev.latchkey.app.support.TestServer.Answer;
import dev.latchkey.core.access.Role;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Leaked keys in a real browser: keys reported through the leak intake show "Leaked" on the API keys page and
 * appear in "Leaked keys" with the action taken; a key's owner sees their own keys' sightings, an Administrator
 * every key's, and the filter narrows to user or service ID keys.
 */
class ConsoleLeakedKeysTest extends ConsoleBrowserTest {
    static Person alice;
    static Person admin;
    static String aliceKey;
    static String deployerKey;

    @BeforeAll
    static void arrange() {
        Person owner = fixtures.accountWithOwner();
        alice = fixtures.member(owner.accountId());
        admin = fixtures.member(owner.accountId(), Role.ADMINISTRATOR);
        String aliceToken = server.token(alice.apikey());
        String adminToken = server.token(admin.apikey());

        aliceKey = created(server.post("/v1/apikeys", aliceToken, "{\"name\":\"alice-ci\",\"iam_id\":\""
                + alice.iamId() + "\",\"account_id\":\"" + owner.accountId() + "\",\"action_when_leaked\":\"disable\"}"));
        Answer serviceId = server.post("/v1/serviceids", adminToken, "{\"account_id\":\"" + owner.accountId()
                + "\",\"name\":\"deployer\"}");
        assertThat(serviceId.status()).as(serviceId.raw()).isEqualTo(201);
        deployerKey = created(server.post("/v1/apikeys", adminToken, "{\"name\":\"deployer-key\",\"iam_id\":\""
                + serviceId.body().get("iam_id").asText() + "\",\"account_id\":\"" + owner.accountId()
                + "\",\"action_when_leaked\":\"delete\"}"));

        // Reported as LeakApiTest reports: the intake takes the token from anyone with an access token.
        Answer reported = server.post("/v1/leaks", aliceToken, "[{\"token\":\"" + aliceKey + "\",\"type\":"
                + "\"latchkey_api_key\",\"url\":\"https://github.com/acme/app/blob/main/.env\",\"source\":\"content\"},"
                + "{\"token\":\"" + deployerKey + "\",\"type\":\"latchkey_api_key\",\"url\":\"https://paste.example/42\","
                + "\"source\":\"paste\"}]");
        assertThat(reported.status()).as(reported.raw()).isEqualTo(200);
        assertThat(reported.body().findValuesAsText("label")).containsOnly("true_positive");
    }

    static String created(Answer answer) {
        assertThat(answer.status()).as(answer.raw()).isEqualTo(201);
        return answer.body().get("apikey").asText();
    }

    Locator row(String keyName) {
        return page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(keyName));
    }

    void filter(String type) {
        page.getByLabel("Type").selectOption(type);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Apply")).click();
    }

    @Test
    void theKeysOwnerSeesTheirLeakedKeyMarkedAndItsSightingOnly() {
        signInWithApiKey(alice.apikey());
        Locator mine = row("alice-ci");
        assertThat(mine.locator(".tag.leaked")).hasText("Leaked");
        assertThat(mine.locator(".tag.disabled")).hasText("Disabled");

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Leaked keys")).click();
        assertThat(page).hasURL(server.url + "/iam/leaked");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Leaked keys"))).isVisible();
        assertThat(page.locator("tbody tr")).hasCount(1);
        Locator sighting = row("alice-ci");
        assertThat(sighting.getByRole(AriaRole.CELL).nth(3)).hasText("Disabled");
        assertThat(sighting).containsText("https://github.com/acme/app/blob/main/.env");
        assertThat(sighting).containsText(new Fixtures(server).email(alice.iamId()));
        assertThat(page.getByText("deployer-key")).hasCount(0);
        Browser.assertAccessible(page);

        filter("Service ID API keys");
        assertThat(page).hasURL(server.url + "/iam/leaked?type=serviceid");
        assertThat(page.locator(".empty")).containsText("No Service ID API keys have been reported leaked.");
        assertThat(page.locator(".empty")).containsText("latchkey scan");
        Browser.assertAccessible(page);
        filter("User API keys");
        assertThat(page.locator("tbody tr")).hasCount(1);

        sighting = row("alice-ci");
        sighting.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("alice-ci")).click();
        assertThat(page).hasURL(server.url + "/iam/apikeys?view=mine&search=alice-ci");
        assertThat(row("alice-ci").locator(".tag.leaked")).isVisible();
    }

    @Test
    void anAdministratorSeesEveryKeysSightingsAndFiltersThem() {
        signInWithApiKey(admin.apikey());
        page.navigate(server.url + "/iam/leaked");
        assertThat(page.locator("tbody tr")).hasCount(2);
        assertThat(page.locator("tbody tr").first()).containsText("deployer-key");
        Locator deployer = row("deployer-key");
        assertThat(deployer.getByRole(AriaRole.CELL).nth(3)).hasText("Deleted");
        assertThat(deployer.getByRole(AriaRole.CELL).first()).hasText("deployer");
        assertThat(deployer.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("deployer-key"))) // "a deleted key has no page to link to"
                .hasCount(0);
        assertThat(row("alice-ci").getByRole(AriaRole.CELL).nth(3)).hasText("Disabled");
        Browser.screenshot(page, "leaked-keys");
        Browser.assertAccessible(page);

        filter("Service ID API keys");
        assertThat(page.locator("tbody tr")).hasCount(1);
        assertThat(page.locator("tbody tr")).containsText("deployer-key");
        filter("User API keys");
        assertThat(page.locator("tbody tr")).hasCount(1);
        assertThat(page.locator("tbody tr")).containsText("alice-ci");
        row("alice-ci").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("alice-ci")).click();
        assertThat(page).hasURL(server.url + "/iam/apikeys?view=users&search=alice-ci");
        assertThat(row("alice-ci").locator(".tag.leaked")).hasText("Leaked");
        assertThat(server.tokenFor(deployerKey).status()).as("the deleted key gets no token").isNotEqualTo(200);
    }

    @Test
    void anUnknownFilterIsRefusedOnTheErrorPage() {
        signInWithApiKey(alice.apikey());
        page.navigate(server.url + "/iam/leaked?type=everything");
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("There is no type 'everything'");
    }
}
