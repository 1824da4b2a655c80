package dev.latchkey.app.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.latchkey.app.support.Browser;
import dev.latchkey.app.support.TestServer;
import dev.latchkey.app.support.TestServer.Answer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API keys page in a real browser: sign in, the View filter, create, edit, lock, disable, delete. */
class ConsoleApiKeysTest {
    static TestServer server;
    static Browser browser;
    BrowserContext context;
    Page page;

    @BeforeAll
    static void start() {
        browser = Browser.start();
        server = TestServer.h2();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void open() {
        context = browser.context();
        page = context.newPage();
    }

    @AfterEach
    void close() {
        context.close();
    }

    void signInWithApiKey(String apikey) {
        page.navigate(server.url + "/login");
        page.getByLabel("API key").fill(apikey);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in with API key")).click();
        assertThat(page).hasURL(server.url + "/iam/apikeys");
    }

    @Test
    void aKeyCreatedInTheConsoleGetsAToken() {
        signInWithApiKey(server.adminKey);
        Browser.screenshot(page, "api-keys");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create").setExact(true)).click();
        Locator dialog = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Create API key"));
        dialog.getByLabel("Name", new Locator.GetByLabelOptions().setExact(true)).fill("deploy-bot");
        dialog.getByLabel("Description").fill("Deploys from CI");
        dialog.getByLabel("Disable the API key").check();
        Browser.screenshot(page, "api-keys-create");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions()
                .setName("API key successfully created"))).isVisible();
        String value = page.getByLabel("API key for deploy-bot").inputValue();
        assertThat(value).startsWith("lk_");
        Browser.screenshot(page, "api-keys-created");
        Browser.assertAccessible(page);
        Answer token = server.tokenRequest(Map.of("grant_type", TestServer.APIKEY_GRANT, "apikey", value), Map.of());
        assertThat(token.status()).as(token.raw()).isEqualTo(200);
    }
}
