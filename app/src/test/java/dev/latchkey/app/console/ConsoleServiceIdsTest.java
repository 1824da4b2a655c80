package dev.latchkey.app.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import dev.latchkey.app.support.Browser;
import dev.latchkey.app.support.ConsoleClient;
import dev.latchkey.app.support.Fixtures;
import dev.latchkey.app.support.TestServer;
import dev.latchkey.app.support.TestServer.Answer;
import dev.latchkey.core.access.Role;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Service IDs in a real browser: the list, create, lock, delete; a service ID's details with its API keys (a saved
 * key gets a token and is shown again); its Access (assign a role, see it listed, remove it); and a member who may
 * not see a service ID is refused.
 */
class ConsoleServiceIdsTest extends ConsoleBrowserTest {
    static String adminToken;
    static String accountId;

    @BeforeAll
    static void arrange() {
        adminToken = server.token(server.adminKey);
        accountId = server.call("GET", "/v1/apikeys/details", adminToken, null, Map.of("IAM-ApiKey", server.adminKey))
                .body().get("account_id").asText();
    }

    /** A service ID made through the API by the account owner; its id. */
    static String serviceIdNamed(String name) {
        Answer made = server.post("/v1/serviceids", adminToken, "{\"account_id\":\"" + accountId + "\",\"name\":\""
                + name + "\",\"description\":\"Made for " + name + "\"}");
        assertThat(made.status()).as(made.raw()).isEqualTo(201);
        return made.body().get("id").asText();
    }

    /** An item of the open row menu. */
    Locator menuItem(String name) {
        return page.locator(".menu:not([hidden])").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                .setName(name).setExact(true));
    }

    Locator row(String name) {
        return page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(name));
    }

    @Test
    void aServiceIdWithASavedKeyGetsATokenAndShowsTheValueAgain() {
        signInWithApiKey(server.adminKey);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Service IDs")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Service IDs"))).isVisible();
        Browser.assertAccessible(page);
        button("Create").click();
        Locator create = dialog("Create service ID");
        create.getByLabel("Name").fill("ci-deployer");
        create.getByLabel("Description").fill("Deploys from CI");
        create.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("ci-deployer"))).isVisible();
        assertThat(page.getByText("iam-ServiceId-")).isVisible();
        Browser.assertAccessible(page);

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("API keys").setExact(true)
                ).and(page.locator(".tabs a")).click();
        assertThat(page.getByText("ci-deployer has no API keys yet.")).isVisible();
        button("Create").click();
        Locator createKey = dialog("Create API key for ci-deployer");
        createKey.getByLabel("Name", new Locator.GetByLabelOptions().setExact(true)).fill("deploy");
        createKey.getByLabel("Description").fill("Used by the pipeline");
        createKey.getByLabel("Save the API key").check();
        createKey.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions()
                .setName("API key successfully created"))).isVisible();
        String value = page.getByLabel("API key for deploy").inputValue();
        assertThat(value).startsWith("lk_");
        Browser.assertAccessible(page);
        Answer token = server.tokenRequest(Map.of("grant_type", TestServer.APIKEY_GRANT, "apikey", value), Map.of());
        assertThat(token.status()).as(token.raw()).isEqualTo(200);
        dialog("API key successfully created").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                .setName("Close")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Close")).click();

        assertThat(row("deploy")).containsText("Saved");
        assertThat(row("deploy")).containsText("Active");
        Browser.screenshot(page, "service-id-details");
        button("Actions for deploy").click();
        menuItem("Show").click();
        assertThat(dialog("Saved API key")).isVisible();
        assertThat(page.getByLabel("API key for deploy")).hasValue(value);
        Browser.assertAccessible(page);
        assertThat(server.token(value)).isNotBlank();
    }

    @Test
    void aKeyOfAServiceIdIsLockedDisabledAndDeletedAndAnUnsavedOneHasNoShow() {
        String id = serviceIdNamed("key-chores");
        signInWithApiKey(server.adminKey);
        page.navigate(server.url + "/iam/serviceids/" + id + "?tab=apikeys");
        button("Create").click();
        Locator createKey = dialog("Create API key for key-chores");
        createKey.getByLabel("Name", new Locator.GetByLabelOptions().setExact(true)).fill("unsaved");
        createKey.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create")).click();
        String value = page.getByLabel("API key for unsaved").inputValue();
        page.navigate(server.url + "/iam/serviceids/" + id + "?tab=apikeys");
        button("Actions for unsaved").click();
        assertThat(menuItem("Show")).hasCount(0);
        menuItem("Lock").click();
        assertThat(row("unsaved")).containsText("Locked");
        button("Actions for unsaved").click();
        assertThat(page.getByText("Locked: unlock the key to delete it.")).isVisible();
        menuItem("Disable").click();
        assertThat(row("unsaved")).containsText("Disabled");
        assertThat(server.tokenFor(value).status()).isEqualTo(400);
        button("Actions for unsaved").click();
        menuItem("Unlock").click();
        button("Actions for unsaved").click();
        menuItem("Enable").click();
        assertThat(row("unsaved")).containsText("Active");
        assertThat(server.tokenFor(value).status()).isEqualTo(200);
        button("Actions for unsaved").click();
        menuItem("Delete").click();
        dialog("Delete API key unsaved?").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                .setName("Delete")).click();
        assertThat(page.getByText("key-chores has no API keys yet.")).isVisible();
        assertThat(server.tokenFor(value).status()).isEqualTo(400);
    }

    @Test
    void lockUnlockAndDeleteWithConfirmAndALockedServiceIdCannotBeDeleted() throws Exception {
        String id = serviceIdNamed("to-be-locked");
        signInWithApiKey(server.adminKey);
        page.navigate(server.url + "/iam/serviceids?search=to-be-locked");
        assertThat(row("to-be-locked")).containsText("Active");
        Browser.screenshot(page, "service-ids");
        button("Actions for to-be-locked").click();
        menuItem("Lock").click();
        assertThat(row("to-be-locked")).containsText("Locked");
        button("Actions for to-be-locked").click();
        assertThat(page.getByText("Locked: unlock the service ID to delete it.")).isVisible();
        assertThat(menuItem("Delete"))
                .hasAttribute("aria-disabled", "true");
        Browser.assertAccessible(page);

        ConsoleClient client = ConsoleClient.signedIn(server, server.adminKey);
        String csrf = client.csrfOf(client.get("/iam/serviceids"));
        HttpResponse<String> forced = client.post("/iam/serviceids/" + id + "/delete", "csrf=" + csrf);
        assertThat(forced.statusCode()).isEqualTo(409);
        assertThat(forced.body()).contains("is locked and cannot be deleted");
        assertThat(server.get("/v1/serviceids/" + id, adminToken).status()).isEqualTo(200);

        page.keyboard().press("Escape");
        button("Actions for to-be-locked").click();
        menuItem("Unlock").click();
        assertThat(row("to-be-locked")).containsText("Active");
        button("Actions for to-be-locked").click();
        menuItem("Delete").click();
        Locator confirm = dialog("Delete service ID to-be-locked?");
        assertThat(confirm).isVisible();
        Browser.assertAccessible(page);
        confirm.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete")).click();
        page.navigate(server.url + "/iam/serviceids?search=to-be-locked");
        assertThat(page.getByText("No service ID's name contains “to-be-locked”.")).isVisible();
        assertThat(server.get("/v1/serviceids/" + id, adminToken).status()).isEqualTo(404);
    }

    @Test
    void aServiceIdMovesToAGroupFromItsEditDialogAndAViewerOnlySeesTheGroup() throws Exception {
        String id = serviceIdNamed("grouped");
        Answer group = server.post("/v1/serviceid_groups", adminToken, "{\"account_id\":\"" + accountId
                + "\",\"name\":\"payments\"}");
        assertThat(group.status()).as(group.raw()).isEqualTo(201);
        String groupId = group.body().get("id").asText();
        signInWithApiKey(server.adminKey);
        page.navigate(server.url + "/iam/serviceids/" + id);
        Locator facts = page.locator("dl.facts");
        assertThat(facts).containsText("Service ID groupDefault group");

        button("Edit").click();
        Locator edit = dialog("Edit service ID");
        assertThat(edit.getByLabel("Service ID group")).hasValue("");
        edit.getByLabel("Service ID group").selectOption(new com.microsoft.playwright.options.SelectOption()
                .setLabel("payments"));
        Browser.assertAccessible(page);
        Browser.screenshot(page, "service-id-edit-group");
        edit.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save")).click();
        assertThat(facts).containsText("Service ID grouppayments");
        assertThat(groupOf(id)).isEqualTo(groupId);

        // a viewer sees the group but is offered no edit; an edit forced past the console is the service's refusal
        Fixtures.Person viewer = fixtures.member(accountId, Role.VIEWER);
        ConsoleClient client = ConsoleClient.signedIn(server, viewer.apikey());
        HttpResponse<String> shown = client.get("/iam/serviceids/" + id);
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).contains("<dt>Service ID group</dt><dd><a href=\"/iam/serviceids?group=" + groupId
                + "\">payments</a></dd>").doesNotContain("edit-group");
        String etag = server.get("/v1/serviceids/" + id, adminToken).header("ETag");
        HttpResponse<String> forced = client.post("/iam/serviceids/" + id + "/edit", "csrf=" + client.csrfOf(shown)
                + "&etag=" + TestServer.enc(etag) + "&name=grouped&description=&group=&group_before=" + groupId);
        assertThat(forced.statusCode()).isEqualTo(403);
        assertThat(groupOf(id)).isEqualTo(groupId);
    }

    @Test
    void groupsAreCreatedEditedNarrowTheListAndAreDeletedOnlyWhenEmpty() {
        String member = serviceIdNamed("ledger-sync");
        serviceIdNamed("not-in-a-group");
        signInWithApiKey(server.adminKey);
        page.navigate(server.url + "/iam/serviceids");
        page.locator(".tabs").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Service ID groups"))
                .click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Service ID groups")
                .setLevel(1))).isVisible();

        button("Create").click();
        Locator create = dialog("Create service ID group");
        create.getByLabel("Name").fill("ledger");
        create.getByLabel("Description").fill("Bookkeeping jobs");
        button(create, "Create").click();
        assertThat(row("ledger")).containsText("Bookkeeping jobs");
        String groupId = null;
        for (var group : server.get("/v1/serviceid_groups?account_id=" + accountId, adminToken).body()
                .get("serviceid_groups")) {
            groupId = group.get("name").asText().equals("ledger") ? group.get("id").asText() : groupId;
        }
        assertThat(groupId).as("made by the console through the API's service").isNotNull();

        // a name the account has already: refused, with what was typed kept in the dialog
        button("Create").click();
        create.getByLabel("Name").fill("ledger");
        create.getByLabel("Description").fill("again");
        button(create, "Create").click();
        Locator refused = dialog("Create service ID group");
        assertThat(refused.getByRole(AriaRole.ALERT)).containsText("must be unique in the account");
        assertThat(refused.getByLabel("Name")).hasValue("ledger");
        assertThat(refused.getByLabel("Description")).hasValue("again");
        button(refused, "Cancel").click();

        // edited over a change made meanwhile: nothing saved, and the dialog shows the group as it now is
        button("Edit ledger").click();
        Locator edit = dialog("Edit service ID group");
        edit.getByLabel("Name").fill("ledger jobs");
        Answer meanwhile = server.call("PUT", "/v1/serviceid_groups/" + groupId, adminToken,
                "{\"name\":\"ledger\",\"description\":\"Changed meanwhile\"}", Map.of("If-Match", "*"));
        assertThat(meanwhile.status()).as(meanwhile.raw()).isEqualTo(200);
        button(edit, "Save").click();
        Locator stale = dialog("Edit service ID group");
        assertThat(stale.getByRole(AriaRole.ALERT)).containsText("nothing was saved");
        assertThat(stale.getByLabel("Description")).hasValue("Changed meanwhile");
        stale.getByLabel("Name").fill("ledger jobs");
        button(stale, "Save").click();
        assertThat(row("ledger jobs")).containsText("Changed meanwhile");

        String etag = server.get("/v1/serviceids/" + member, adminToken).header("ETag");
        Answer moved = server.call("PUT", "/v1/serviceids/" + member, adminToken, "{\"name\":\"ledger-sync\","
                + "\"group_id\":\"" + groupId + "\"}", Map.of("If-Match", etag));
        assertThat(moved.status()).as(moved.raw()).isEqualTo(200);
        page.reload();
        Browser.assertAccessible(page);
        Browser.screenshot(page, "service-id-groups");

        // the group's service IDs: the list narrowed to it, and the filter kept while sorting
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Service IDs in ledger jobs")).click();
        assertThat(page.getByLabel("Group")).hasValue(groupId);
        assertThat(row("ledger-sync")).isVisible();
        assertThat(page.getByText("not-in-a-group")).hasCount(0);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Created").setExact(true)).click();
        assertThat(page.getByLabel("Group")).hasValue(groupId);
        assertThat(page.getByText("not-in-a-group")).hasCount(0);
        Browser.assertAccessible(page);
        Browser.screenshot(page, "service-ids-in-group");

        // not deleted while a service ID is in it: the way out is shown; deleted once it is empty
        page.navigate(server.url + "/iam/serviceid-groups");
        button("Delete ledger jobs").click();
        button(dialog("Delete this service ID group?"), "Delete").click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("ledger jobs was not deleted");
        Browser.screenshot(page, "service-id-group-in-use");
        assertThat(server.get("/v1/serviceid_groups/" + groupId, adminToken).status()).isEqualTo(200);
        server.call("PUT", "/v1/serviceids/" + member, adminToken, "{\"name\":\"ledger-sync\",\"group_id\":\"\"}",
                Map.of("If-Match", "*"));
        button("Delete ledger jobs").click();
        button(dialog("Delete this service ID group?"), "Delete").click();
        assertThat(row("ledger jobs")).hasCount(0);
        assertThat(server.get("/v1/serviceid_groups/" + groupId, adminToken).status()).isEqualTo(404);
    }

    /** A service ID's group_id as the API shows it. */
    static String groupOf(String id) {
        return server.get("/v1/serviceids/" + id + "?show_group_id=true", adminToken).body().get("group_id").asText();
    }

    @Test
    void theListPagesTwentyAtATime() {
        for (int i = 0; i < 21; i++) {
            serviceIdNamed(String.format("paged-%02d", i));
        }
        signInWithApiKey(server.adminKey);
        page.navigate(server.url + "/iam/serviceids?search=paged-");
        assertThat(page.locator("tbody tr")).hasCount(20);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Next")).click();
        assertThat(page.locator("tbody tr")).hasCount(1);
        assertThat(row("paged-20")).isVisible();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Previous")).click();
        assertThat(row("paged-00")).isVisible();
    }

    @Test
    void aMemberWithoutAccessIsRefusedAServiceIdTheyMayNotSee() {
        String id = serviceIdNamed("owners-only");
        Fixtures.Person member = fixtures.member(accountId);
        signInWithApiKey(member.apikey());
        page.navigate(server.url + "/iam/serviceids");
        assertThat(page.getByText("owners-only")).hasCount(0);
        assertThat(page.getByText("There are no service IDs you can see yet.")).isVisible();
        Response forced = page.navigate(server.url + "/iam/serviceids/" + id);
        assertThat(forced.status()).isEqualTo(403);
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Forbidden"))).isVisible();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("You are not allowed to view service ID " + id);
        Browser.assertAccessible(page);
        assertThat(page.navigate(server.url + "/iam/serviceids/" + id + "?tab=access").status()).isEqualTo(403);

        // What the member creates, they manage: it is listed for them, with its actions.
        page.navigate(server.url + "/iam/serviceids");
        button("Create").click();
        dialog("Create service ID").getByLabel("Name").fill("members-own");
        dialog("Create service ID").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Create"))
                .click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("members-own"))).isVisible();
        page.navigate(server.url + "/iam/serviceids");
        assertThat(row("members-own")).isVisible();
        assertThat(button("Actions for members-own")).isVisible();
    }

    @Test
    void aRoleAssignedToAServiceIdIsListedAndRemoved() {
        String id = serviceIdNamed("reporting");
        signInWithApiKey(server.adminKey);
        page.navigate(server.url + "/iam/serviceids/" + id + "?tab=access");
        assertThat(page.getByText("No access is assigned to reporting yet.")).isVisible();
        Browser.assertAccessible(page);
        button("Assign access").click();
        Locator step1 = dialog("Assign access to reporting").and(page.locator("#assign-dialog"));
        step1.getByLabel("Service", new Locator.GetByLabelOptions().setExact(true))
                .selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("IAM Identity Service"));
        step1.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Next")).click();
        Locator step2 = page.locator("#assign-roles");
        assertThat(step2).isVisible();
        assertThat(step2).containsText("IAM Identity Service");
        assertThat(step2.getByLabel("Service ID creator", new Locator.GetByLabelOptions().setExact(true))).isVisible();
        assertThat(step2.getByLabel("Reader", new Locator.GetByLabelOptions().setExact(true))).hasCount(0);
        step2.getByLabel("Viewer", new Locator.GetByLabelOptions().setExact(true)).check();
        step2.getByLabel("Operator", new Locator.GetByLabelOptions().setExact(true)).check();
        Browser.screenshot(page, "assign-access");
        Browser.assertAccessible(page);
        step2.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Assign")).click();
        assertThat(row("IAM Identity Service")).containsText("Viewer, Operator");
        assertThat(row("IAM Identity Service")).containsText("All resources");
        assertThat(fixtures.policiesOf(accountId, "iam-" + id)).hasSize(1);

        // The same resource again: the server refuses, in the dialog, in its words.
        button("Assign access").click();
        step1.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Next")).click();
        page.locator("#assign-roles").getByLabel("Viewer", new Locator.GetByLabelOptions().setExact(true)).check();
        page.locator("#assign-roles").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Assign"))
                .click();
        assertThat(page.locator("#assign-roles").getByRole(AriaRole.ALERT))
                .containsText("an access policy with identical attributes already exists");
        assertThat(page.locator("#assign-roles").getByLabel("Viewer", new Locator.GetByLabelOptions().setExact(true))).isChecked();
        page.keyboard().press("Escape");

        // Any other service, by its name, with its own roles and one instance.
        page.navigate(server.url + "/iam/serviceids/" + id + "?tab=access");
        button("Assign access").click();
        step1.getByLabel("Service name").fill("cloud-object-storage");
        step1.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Next")).click();
        page.locator("#assign-roles").getByLabel("Writer", new Locator.GetByLabelOptions().setExact(true)).check();
        page.locator("#assign-roles").getByLabel("Resource instance ID").fill("bucket-7");
        page.locator("#assign-roles").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Assign"))
                .click();
        assertThat(row("cloud-object-storage")).containsText("Writer");
        assertThat(row("cloud-object-storage")).containsText("Instance bucket-7");
        Browser.screenshot(page, "service-id-access");

        button("Remove Viewer, Operator on IAM Identity Service").click();
        Locator confirm = dialog("Remove access?").and(page.locator("dialog[open]"));
        assertThat(confirm).containsText("reporting loses Viewer, Operator on IAM Identity Service");
        Browser.assertAccessible(page);
        confirm.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Remove")).click();
        assertThat(row("IAM Identity Service")).hasCount(0);
        assertThat(fixtures.policiesOf(accountId, "iam-" + id)).hasSize(1);
    }

    @Test
    void assignAccessOffersTheAccountsCustomRolesOfTheService() {
        String id = serviceIdNamed("key-auditor");
        Answer role = server.post("/v2/roles", adminToken, "{\"name\":\"KeyAuditor\",\"display_name\":\"Key auditor\","
                + "\"description\":\"Reads keys.\",\"actions\":[\"iam-identity.apikey.get\",\"iam-identity.apikey.list\"],"
                + "\"account_id\":\"" + accountId + "\",\"service_name\":\"iam-identity\"}");
        org.assertj.core.api.Assertions.assertThat(role.status()).as(role.raw()).isEqualTo(201);
        signInWithApiKey(server.adminKey);
        page.navigate(server.url + "/iam/serviceids/" + id + "?tab=access");
        button("Assign access").click();
        Locator step1 = dialog("Assign access to key-auditor").and(page.locator("#assign-dialog"));
        step1.getByLabel("Service", new Locator.GetByLabelOptions().setExact(true))
                .selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("IAM Identity Service"));
        step1.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Next")).click();
        Locator step2 = page.locator("#assign-roles");
        Locator custom = step2.getByLabel("Key auditor (custom)", new Locator.GetByLabelOptions().setExact(true));
        assertThat(custom).isVisible();
        assertThat(step2).containsText("Grants iam-identity.apikey.get, iam-identity.apikey.list.");
        custom.check();
        Browser.assertAccessible(page);
        step2.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Assign")).click();
        assertThat(row("IAM Identity Service")).containsText("Key auditor (custom)");
        assertThat(fixtures.policiesOf(accountId, "iam-" + id)).extracting(p -> p.roleIds().getFirst())
                .containsExactly(role.body().get("crn").asText());
    }
}
