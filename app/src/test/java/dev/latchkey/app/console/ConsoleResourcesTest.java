package dev.latchkey.app.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import dev.latchkey.app.support.Browser;
import dev.latchkey.app.support.Fixtures.Person;
import dev.latchkey.app.support.TestServer;
import dev.latchkey.app.support.TestServer.Answer;
import org.junit.jupiter.api.Test;

/**
 * The Resource list and an instance's "Service credentials" in a real browser: create a resource, make a
 * credential, read its API key from the credential's JSON and get a token with it, see the JSON again on request,
 * delete the credential; and what someone without access gets.
 */
class ConsoleResourcesTest extends ConsoleBrowserTest {

    void createResource(String name, String service, String plan) {
        if (!page.url().endsWith("/resources")) {
            page.locator("nav.side").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Resource list"))
                    .click();
        }
        button("Create resource").click();
        Locator dialog = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Create resource"));
        dialog.getByLabel("Name").fill(name);
        dialog.getByLabel("Service").fill(service);
        dialog.getByLabel("Plan").fill(plan);
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create")).click();
    }

    @Test
    void aPlanOfTheCatalogueNamesTheServiceOfANewInstance() {
        Person owner = fixtures.accountWithOwner();
        signInWithApiKey(owner.apikey());
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Resource list")).click();
        button("Create resource").click();
        assertThat(page.locator("#resource-plans option[value='2fdf0c08-2d32-4f46-84b5-32e0c92fffd8']"))
                .hasText("Lite (cloud-object-storage)");
        page.keyboard().press("Escape");

        createResource("nameless-service", "", "");
        Locator refused = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Create resource"));
        assertThat(refused.getByRole(AriaRole.ALERT)).containsText("resource_id");
        assertThat(refused.getByLabel("Name")).hasValue("nameless-service");
        refused.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel")).click();

        createResource("lite-bucket", "", "2fdf0c08-2d32-4f46-84b5-32e0c92fffd8");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("lite-bucket"))).isVisible();
        assertThat(page.locator(".details")).containsText("cloud-object-storage");
        Browser.assertAccessible(page);
    }

    @Test
    void aCredentialMadeOnAnInstanceGetsATokenWithItsApiKeyAndIsDeleted() throws Exception {
        Person owner = fixtures.accountWithOwner();
        signInWithApiKey(owner.apikey());
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Resource list")).click();
        assertThat(page).hasURL(server.url + "/resources");
        assertThat(page.locator(".empty")).containsText("There are no resources yet.");
        Browser.assertAccessible(page);

        createResource("bad", "IAM Identity", "");
        Locator refused = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Create resource"));
        assertThat(refused.getByRole(AriaRole.ALERT)).containsText("resource_id");
        assertThat(refused.getByLabel("Name")).hasValue("bad");
        refused.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel")).click();

        createResource("orders-archive", "cloud-object-storage", "standard");
        createResource("search-index", "databases-for-elasticsearch", "");
        createResource("orders-db", "cloud-object-storage", "lite");
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/resources/[0-9a-f-]{36}$"));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("orders-db"))).isVisible();
        assertThat(page.locator(".details")).containsText("cloud-object-storage");
        assertThat(page.locator(".details")).containsText("lite");
        assertThat(page.locator(".empty")).containsText("This resource has no service credentials yet.");
        Browser.assertAccessible(page);
        String instanceUrl = page.url();

        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Breadcrumb"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Resource list")).click();
        Locator groups = page.locator("section.group h2");
        assertThat(groups).hasCount(2);
        assertThat(groups.first()).containsText("cloud-object-storage");
        assertThat(groups.nth(1)).containsText("databases-for-elasticsearch");
        assertThat(page.locator("section.group").first().locator("tbody th")).hasText(new String[] {"orders-archive",
                "orders-db"});
        Browser.screenshot(page, "resources");
        Browser.assertAccessible(page);

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("orders-db")).click();
        button("New credential").click();
        Locator dialog = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("New credential"));
        assertThat(dialog.getByLabel("Role")).hasValue("crn:v1:bluemix:public:iam::::serviceRole:Writer");
        dialog.getByLabel("Name").fill("orders-writer");
        dialog.getByLabel("Role").selectOption("Reader");
        Response created = page.waitForResponse(r -> r.request().method().equals("POST"),
                () -> dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Add")).click());
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.headers().get("cache-control")).isEqualTo("no-store");

        Locator shown = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions()
                .setName("Service credentials: orders-writer"));
        assertThat(shown).isVisible();
        JsonNode json = TestServer.JSON.readTree(shown.getByLabel("Credentials of orders-writer (JSON)").inputValue());
        String apikey = json.get("apikey").asText();
        assertThat(apikey).startsWith("lk_");
        assertThat(json.get("iam_role_crn").asText()).isEqualTo("crn:v1:bluemix:public:iam::::serviceRole:Reader");
        assertThat(json.get("iam_apikey_name").asText()).isEqualTo("orders-writer");
        assertThat(json.get("iam_serviceid_crn").asText()).contains(":serviceid:ServiceId-");
        assertThat(page.url()).as("the key is in no URL").doesNotContain(apikey);
        Browser.screenshot(page, "service-credentials-json");
        Browser.assertAccessible(page);
        Answer token = server.tokenFor(apikey);
        assertThat(token.status()).as(token.raw()).isEqualTo(200);

        shown.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Close")).click();
        assertThat(shown).isHidden();
        Locator row = page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText("orders-writer"));
        assertThat(row.getByRole(AriaRole.CELL).first()).hasText("Reader");
        Browser.screenshot(page, "service-credentials");
        Browser.assertAccessible(page);

        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("View credentials of orders-writer"))
                .click();
        Locator again = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions()
                .setName("Service credentials: orders-writer"));
        assertThat(again).isVisible();
        assertThat(TestServer.JSON.readTree(again.getByLabel("Credentials of orders-writer (JSON)").inputValue())
                .get("apikey").asText()).as("shown again to who may see it").isEqualTo(apikey);
        assertThat(page.url()).as("a POST answer, with the key in no URL").startsWith(instanceUrl + "/credentials/")
                .endsWith("/show").doesNotContain(apikey);
        again.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Close")).click();

        row = page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText("orders-writer"));
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete orders-writer")).click();
        Locator confirm = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions()
                .setName("Delete credential orders-writer?"));
        assertThat(confirm).isVisible();
        confirm.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete")).click();
        assertThat(page).hasURL(instanceUrl);
        assertThat(page.locator(".empty")).containsText("This resource has no service credentials yet.");
        assertThat(server.tokenFor(apikey).status()).as("the deleted credential's key gets no token")
                .isNotEqualTo(200);
    }

    @Test
    void aMemberWithoutAccessSeesNoInstanceAndIsRefusedInPlace() {
        Person owner = fixtures.accountWithOwner();
        String ownerToken = server.token(owner.apikey());
        Answer instance = server.post("/v2/resource_instances", ownerToken,
                "{\"name\":\"hidden\",\"resource_id\":\"cloud-object-storage\"}");
        assertThat(instance.status()).as(instance.raw()).isIn(201, 202);
        Person member = fixtures.member(owner.accountId());
        signInWithApiKey(member.apikey());
        page.navigate(server.url + "/resources");
        assertThat(page.locator(".empty")).containsText("There are no resources yet.");
        createResource("mine", "cloud-object-storage", "");
        Locator refused = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Create resource"));
        assertThat(refused.getByRole(AriaRole.ALERT)).containsText("not allowed");
        Browser.assertAccessible(page);
        page.navigate(server.url + "/resources/" + instance.body().get("guid").asText());
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Forbidden"))).isVisible();
    }
}
