package dev.latchkey.app.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.latchkey.app.support.Browser;
import dev.latchkey.app.support.Fixtures.Person;
import dev.latchkey.app.support.TestServer;
import dev.latchkey.app.support.TestServer.Answer;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The API keys page in a real browser: create, edit with a concurrent change, lock, disable, delete, escaping. */
class ConsoleApiKeysTest extends ConsoleBrowserTest {

    /** Creates a key of the signed-in identity in the console; returns the value its dialog showed. */
    String createInConsole(String name, String description) {
        button("Create").click();
        Locator create = dialog("Create API key");
        create.getByLabel("Name", new Locator.GetByLabelOptions().setExact(true)).fill(name);
        create.getByLabel("Description").fill(description);
        create.getByLabel("Disable the API key").check();
        button(create, "Create").click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions()
                .setName("API key successfully created"))).isVisible();
        return secret(page.getByLabel("API key for " + name).inputValue());
    }

    Locator row(String name) {
        return page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHas(page.getByRole(
                AriaRole.ROWHEADER, new Page.GetByRoleOptions().setName(name).setExact(true))));
    }

    void act(String keyName, String action) {
        button("Actions for " + keyName).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(action).setExact(true)).click();
    }

    @Test
    void aKeyCreatedInTheConsoleGetsATokenAndIsShownOnce() throws Exception {
        signInWithApiKey(server.adminKey);
        Browser.screenshot(page, "api-keys");
        button("Create").click();
        Browser.screenshot(page, "api-keys-create");
        button(dialog("Create API key"), "Cancel").click();
        String value = createInConsole("deploy-bot", "Deploys from CI");
        assertThat(value).startsWith("lk_");
        Browser.screenshot(page, "api-keys-created");
        Browser.assertAccessible(page);
        Download download = page.waitForDownload(() -> button("Download").click());
        assertThat(download.suggestedFilename()).isEqualTo("apikey.json");
        JsonNode file = TestServer.JSON.readTree(Files.readString(download.path()));
        assertThat(file.get("name").asText()).isEqualTo("deploy-bot");
        assertThat(file.get("description").asText()).isEqualTo("Deploys from CI");
        assertThat(file.get("createdAt").asText()).isNotBlank();
        assertThat(file.get("apikey").asText()).isEqualTo(value);

        button("Close").click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions()
                .setName("This API key cannot be shown again"))).isVisible();
        button(dialog("API key successfully created"), "Close").click();
        assertThat(page.getByText(value)).hasCount(0);
        assertThat(row("deploy-bot")).containsText("Deploys from CI");
        Answer token = server.tokenRequest(Map.of("grant_type", TestServer.APIKEY_GRANT, "apikey", value), Map.of());
        assertThat(token.status()).as(token.raw()).isEqualTo(200);
        page.reload();
        assertThat(page.locator("body")).not().containsText(value);
    }

    @Test
    void aRotationShowsTheNewValueOnceAndTheOldOneKeepsWorkingForTheChosenGrace() {
        signInWithApiKey(server.adminKey);
        String oldValue = createInConsole("rotated", "rotate me");
        page.navigate(server.url + "/iam/apikeys");
        act("rotated", "Rotate");
        Locator confirm = dialog("Rotate API key rotated?");
        confirm.getByLabel("The old value keeps working").selectOption("86400");
        Browser.screenshot(page, "api-keys-rotate");
        button(confirm, "Rotate").click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions()
                .setName("API key successfully rotated"))).isVisible();
        assertThat(dialog("API key successfully rotated")).containsText("The old value works until");
        String newValue = secret(page.getByLabel("API key for rotated").inputValue());
        assertThat(newValue).startsWith("lk_").isNotEqualTo(oldValue);
        assertThat(page.url()).doesNotContain(newValue);
        Browser.assertAccessible(page);

        button("Close").click();
        button(dialog("API key successfully rotated"), "Close").click();
        assertThat(page.getByText(newValue)).hasCount(0);
        assertThat(server.tokenFor(oldValue).status()).as("the old value, in its day of grace").isEqualTo(200);
        assertThat(server.tokenFor(newValue).status()).isEqualTo(200);
        page.navigate(server.url + "/iam/apikeys");
        assertThat(page.locator("body")).not().containsText(newValue);

        act("rotated", "Rotate");
        Locator again = dialog("Rotate API key rotated?");
        again.getByLabel("The old value keeps working").selectOption("0");
        button(again, "Rotate").click();
        assertThat(dialog("API key successfully rotated")).containsText("The old value no longer works.");
        assertThat(server.tokenFor(newValue).status()).isEqualTo(400);
        assertThat(server.tokenFor(oldValue).status()).isEqualTo(400);
    }

    @Test
    void anEditAfterSomeoneElsesChangeIsRefusedAndOverwritesNothing() {
        signInWithApiKey(server.adminKey);
        createInConsole("edited", "before");
        page.navigate(server.url + "/iam/apikeys");
        act("edited", "Edit");
        Locator edit = dialog("Edit API key");
        edit.getByLabel("Description").fill("from the console");

        String id = server.get("/v1/apikeys?filter=" + java.net.URLEncoder.encode("name co \"edited\"",
                java.nio.charset.StandardCharsets.UTF_8), server.token(server.adminKey)).body().get("apikeys").get(0)
                .get("id").asText();
        Answer current = server.get("/v1/apikeys/" + id, server.token(server.adminKey));
        Answer changed = server.call("PUT", "/v1/apikeys/" + id, server.token(server.adminKey),
                "{\"description\":\"from the API\"}", Map.of("If-Match", current.header("Etag")));
        assertThat(changed.status()).as(changed.raw()).isEqualTo(200);

        button(edit, "Save").click();
        assertThat(dialog("Edit API key").getByRole(AriaRole.ALERT)).containsText("Someone changed this API key");
        Browser.assertAccessible(page);
        assertThat(server.get("/v1/apikeys/" + id, server.token(server.adminKey)).body().get("description").asText())
                .isEqualTo("from the API");
    }

    @Test
    void lockDisableEnableUnlockAndDeleteAndALockedKeyCannotBeEditedOrDeleted() {
        signInWithApiKey(server.adminKey);
        createInConsole("states", "cycled");
        page.navigate(server.url + "/iam/apikeys");
        act("states", "Lock");
        assertThat(row("states")).containsText("Locked");
        button("Actions for states").click();
        Locator menu = page.locator(".menu:not([hidden])");
        assertThat(menu.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Edit")))
                .hasAttribute("aria-disabled", "true");
        assertThat(menu.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete")))
                .hasAttribute("aria-disabled", "true");
        assertThat(menu.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Rotate")))
                .hasAttribute("aria-disabled", "true");
        assertThat(menu).containsText("unlock the key to edit, rotate or delete it");
        Browser.screenshot(page, "api-keys-menu");
        Browser.assertAccessible(page);
        page.keyboard().press("Escape");
        act("states", "Disable");
        assertThat(row("states")).containsText("Disabled");
        act("states", "Enable");
        assertThat(row("states")).not().containsText("Disabled");
        act("states", "Unlock");
        assertThat(row("states")).containsText("Active");
        act("states", "Delete");
        Locator confirm = dialog("Delete API key states?");
        assertThat(confirm).isVisible();
        button(confirm, "Delete").click();
        assertThat(row("states")).hasCount(0);
    }

    @Test
    void thePageFitsA1024PixelWideScreen() {
        signInWithApiKey(server.adminKey);
        createInConsole("a-rather-long-key-name-for-a-narrow-screen", "and a description that goes on for a while "
                + "to see that it is cut, not spread over the whole table");
        page.navigate(server.url + "/iam/apikeys");
        page.setViewportSize(1024, 768);
        assertThat((Integer) page.evaluate("document.documentElement.scrollWidth")).as("no sideways scrolling")
                .isLessThanOrEqualTo(1024);
        Browser.screenshot(page, "api-keys-1024");
    }

    @Test
    void namesAreTextNotMarkup() {
        signInWithApiKey(server.adminKey);
        String name = "<img src=x onerror=alert(1)>";
        createInConsole(name, "<script>alert(2)</script>");
        page.navigate(server.url + "/iam/apikeys");
        assertThat(row(name)).containsText("<script>alert(2)</script>");
        assertThat(page.locator("img")).hasCount(0);
        assertThat(page.locator("main script")).hasCount(0);
    }

    @Test
    void theViewFilterOffersWhatTheIdentityMayUseAndTheServiceRefusesTheRest() {
        Person member = fixtures.member(accountOf(server.adminKey));
        secret(member.apikey());
        signInWithApiKey(server.adminKey);
        assertThat(page.getByLabel("View").locator("option")).hasText(new String[] {"My API keys",
                "All user API keys", "All service ID API keys", "Classic infrastructure API keys"});
        page.getByLabel("View").selectOption("users");
        button("Apply").click();
        assertThat(page).hasURL(java.util.regex.Pattern.compile("view=users"));
        assertThat(page.getByRole(AriaRole.COLUMNHEADER, new Page.GetByRoleOptions().setName("Owner"))).isVisible();
        Browser.screenshot(page, "api-keys-all-users");
        context.clearCookies();

        signInWithApiKey(member.apikey());
        assertThat(page.getByLabel("View").locator("option")).hasText(new String[] {"My API keys",
                "Classic infrastructure API keys"});
        for (String forced : new String[] {"users", "serviceids"}) {
            Page.NavigateOptions options = new Page.NavigateOptions();
            var response = page.navigate(server.url + "/iam/apikeys?view=" + forced, options);
            assertThat(response.status()).as(forced).isEqualTo(403);
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Forbidden"))).isVisible();
        }
        Browser.assertAccessible(page);
    }

    @Test
    void whoeverManagesAServiceIdSeesItsKeysUnderAllServiceIdKeysAndNoOthers() {
        String account = accountOf(server.adminKey);
        Person member = fixtures.member(account);
        secret(member.apikey());
        String memberToken = server.token(member.apikey());
        Answer made = server.post("/v1/serviceids", memberToken, "{\"account_id\":\"" + account
                + "\",\"name\":\"member-svc\",\"apikey\":{\"name\":\"member-svc-key\"}}");
        assertThat(made.status()).as(made.raw()).isEqualTo(201);
        secret(made.body().get("apikey").get("apikey").asText());
        Answer others = server.post("/v1/serviceids", server.token(server.adminKey), "{\"account_id\":\"" + account
                + "\",\"name\":\"admin-svc\",\"apikey\":{\"name\":\"admin-svc-key\"}}");
        assertThat(others.status()).as(others.raw()).isEqualTo(201);
        secret(others.body().get("apikey").get("apikey").asText());

        signInWithApiKey(member.apikey());
        assertThat(page.getByLabel("View").locator("option")).hasText(new String[] {"My API keys",
                "All service ID API keys", "Classic infrastructure API keys"});
        page.navigate(server.url + "/iam/apikeys?view=serviceids");
        assertThat(row("member-svc-key")).containsText("member-svc");
        assertThat(row("admin-svc-key")).hasCount(0);
    }

    static String accountOf(String apikey) {
        return server.call("GET", "/v1/apikeys/details", server.token(apikey), null, Map.of("IAM-ApiKey", apikey))
                .body().get("account_id").asText();
    }
}
