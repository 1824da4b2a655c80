package dev.latchkey.app.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.latchkey.app.support.Browser;
import dev.latchkey.app.support.Fixtures.Person;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Signing in with a password or an API key, switching account, signing out, and what the back button shows. */
class ConsoleSignInTest extends ConsoleBrowserTest {
    static final String PASSWORD = "correct horse battery staple";

    @Test
    void aUserInTwoAccountsSignsInWithAPasswordSwitchesAccountAndSignsOut() {
        String ownerToken = server.token(server.adminKey);
        String account = ConsoleApiKeysTest.accountOf(server.adminKey);
        server.inviteWithPassword(ownerToken, account, "ada@example.com", PASSWORD);
        Person other = fixtures.accountWithOwner();
        fixtures.join(other.accountId(), fixtures.iamIdOf("ada@example.com"));

        page.navigate(server.url + "/");
        Browser.screenshot(page, "sign-in");
        Browser.assertAccessible(page);
        signInWithPassword("ada@example.com", PASSWORD);
        assertThat(page).hasURL(server.url + "/iam/apikeys");
        assertThat(page.locator("header")).containsText("ada@example.com");
        assertThat(page.getByLabel("Account").locator("option[selected]")).hasText("Default account");
        page.getByLabel("Account").selectOption(other.accountId());
        button("Switch").click();
        assertThat(page.getByLabel("Account").locator("option[selected]")).hasText("Other account");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("API keys"))).isVisible();

        button("Log out").click();
        assertThat(page).hasURL(server.url + "/login");
        page.goBack();
        assertThat(page).hasURL(Pattern.compile("/login"));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("API keys"))).hasCount(0);
    }

    @Test
    void aWrongPasswordOrKeyIsRefusedInTheTokenServicesWords() {
        page.navigate(server.url + "/login");
        page.getByLabel("E-mail").fill("nobody@example.com");
        page.getByLabel("Password").fill("not the password at all");
        button("Log in").click();
        assertThat(page.getByRole(AriaRole.ALERT)).hasText("The credentials you provided are incorrect.");
        assertThat(page.getByLabel("E-mail")).hasValue("nobody@example.com");
        assertThat(page.getByLabel("Password")).hasValue("");
        page.getByLabel("API key").fill("lk_not_a_real_key_at_all_but_long_enough_000000");
        button("Log in with API key").click();
        assertThat(page.getByRole(AriaRole.ALERT)).hasText("Provided API key could not be found.");
        Browser.assertAccessible(page);
    }

    @Test
    void aSignedInPageRemembersWhereTheVisitorWasGoing() {
        page.navigate(server.url + "/iam/apikeys?view=classic");
        assertThat(page).hasURL(Pattern.compile("/login\\?next="));
        page.getByLabel("API key").fill(server.adminKey);
        button("Log in with API key").click();
        assertThat(page).hasURL(server.url + "/iam/apikeys?view=classic");
    }

    @Test
    void nextNeverLeadsToAnotherSite() {
        page.navigate(server.url + "/login?next=//evil.example/steal");
        page.getByLabel("API key").fill(server.adminKey);
        button("Log in with API key").click();
        assertThat(page).hasURL(server.url + "/iam/apikeys");
    }
}
