package dev.latchkey.app.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import dev.latchkey.app.support.Browser;
import dev.latchkey.app.support.ConsoleClient;
import dev.latchkey.app.support.Fixtures.Person;
import dev.latchkey.app.support.TestServer.Answer;
import dev.latchkey.core.access.Policy;
import dev.latchkey.core.access.Role;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Access groups in a real browser: create a group, add members, assign it access and see a member hold that access
 * from its next request, remove the member, delete the group; a user's and a service ID's Access offers their
 * groups ("Add to access group", "Remove"); what the server refuses is shown in place, in its words; and a member
 * without a role sees only its own groups.
 */
class ConsoleAccessGroupsTest extends ConsoleBrowserTest {
    static String adminToken;
    static String accountId;
    final List<BrowserContext> others = new ArrayList<>();

    @BeforeAll
    static void arrange() {
        adminToken = server.token(server.adminKey);
        accountId = server.call("GET", "/v1/apikeys/details", adminToken, null, Map.of("IAM-ApiKey", server.adminKey))
                .body().get("account_id").asText();
    }

    @AfterEach
    void closeOthers() {
        others.forEach(c -> {
            c.cookies().stream().filter(k -> k.name.equals("latchkey_session")).forEach(k -> secret(k.value));
            c.close();
        });
    }

    /** A group made through the API by the account owner; its id. */
    static String groupNamed(String name, String description) {
        Answer made = server.post("/v2/groups?account_id=" + accountId, adminToken, "{\"name\":\"" + name
                + "\",\"description\":\"" + description + "\"}");
        assertThat(made.status()).as(made.raw()).isEqualTo(201);
        return made.body().get("id").asText();
    }

    static void addMember(String groupId, String iamId, String type) {
        Answer added = server.call("PUT", "/v2/groups/" + groupId + "/members", adminToken,
                "{\"members\":[{\"iam_id\":\"" + iamId + "\",\"type\":\"" + type + "\"}]}", Map.of());
        assertThat(added.status()).as(added.raw()).isEqualTo(207);
        assertThat(added.body().get("members").get(0).get("status_code").asInt()).as(added.raw()).isEqualTo(200);
    }

    /** IBM's membership check: 204 for a member, 404 otherwise. */
    static int membership(String path) {
        return server.call("HEAD", path, adminToken, null, Map.of()).status();
    }

    static String serviceIdNamed(String name, String description) {
        Answer made = server.post("/v1/serviceids", adminToken, "{\"account_id\":\"" + accountId + "\",\"name\":\""
                + name + "\",\"description\":\"" + description + "\"}");
        assertThat(made.status()).as(made.raw()).isEqualTo(201);
        return made.body().get("id").asText();
    }

    /** Another browser profile, signed in with {@code apikey}. */
    Page signedIn(String apikey) {
        BrowserContext context = browser.context();
        others.add(context);
        Page other = context.newPage();
        other.navigate(server.url + "/login");
        other.getByLabel("API key").fill(apikey);
        other.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in with API key").setExact(true))
                .click();
        assertThat(other).hasURL(server.url + "/iam/apikeys");
        return other;
    }

    Locator row(String text) {
        return page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(text));
    }

    Locator heading(String name) {
        return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    Locator tab(String name) {
        return page.locator(".tabs a").filter(new Locator.FilterOptions().setHasText(name));
    }

    static Locator labelled(Locator within, String label) {
        return within.getByLabel(label, new Locator.GetByLabelOptions().setExact(true));
    }

    @Test
    void aGroupGetsMembersAndAccessAndItsMemberHoldsItUntilItLeaves() {
        String robotId = serviceIdNamed("release-robot", "Tags and publishes releases");
        Person ana = fixtures.member(accountId);
        String anaEmail = fixtures.email(ana.iamId());
        Page anaPage = signedIn(ana.apikey());
        anaPage.navigate(server.url + "/iam/serviceids");
        assertThat(anaPage.getByText("There are no service IDs you can see yet.")).isVisible();

        signInWithApiKey(server.adminKey);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Access groups")).click();
        assertThat(heading("Access groups")).isVisible();
        Browser.assertAccessible(page);
        button("Create").click();
        Locator create = dialog("Create access group");
        create.getByLabel("Name").fill("release-managers");
        create.getByLabel("Description").fill("People and programs that ship releases");
        button(create, "Create").click();
        assertThat(heading("release-managers")).isVisible();
        assertThat(page.getByText("release-managers has no members yet.")).isVisible();
        String groupId = page.url().replaceAll(".*/iam/groups/([^?]+).*", "$1");
        assertThat(groupId).startsWith("AccessGroupId-");
        Browser.assertAccessible(page);

        // Find narrows the candidates: service IDs by name, users by e-mail or name
        button("Add members").click();
        Locator add = dialog("Add members to release-managers");
        add.getByLabel("Find").fill("RELEASE-ROB");
        button(add, "Find").click();
        assertThat(add).isVisible();
        assertThat(add.getByLabel("Find")).hasValue("RELEASE-ROB");
        assertThat(labelled(add, "release-robot")).isVisible();
        assertThat(labelled(add, anaEmail)).hasCount(0);
        Browser.screenshot(page, "access-group-add-find");
        add.getByLabel("Find").fill("no-such-member");
        button(add, "Find").click();
        assertThat(add).containsText("No user or service ID that is not a member already matches “no-such-member”.");
        add.getByLabel("Find").fill(anaEmail.substring(0, anaEmail.indexOf('@')));
        button(add, "Find").click();
        assertThat(labelled(add, "release-robot")).hasCount(0);
        labelled(add, anaEmail).check();
        Browser.assertAccessible(page);
        button(add, "Add").click();
        assertThat(row(anaEmail)).containsText("User");
        button("Add members").click();
        labelled(add, "release-robot").check();
        assertThat(labelled(add, anaEmail)).hasCount(0); // a member already
        button(add, "Add").click();
        assertThat(row(anaEmail)).containsText("User");
        assertThat(row("release-robot")).containsText("Service ID");
        assertThat(tab("Members")).containsText("2");
        Browser.screenshot(page, "access-group-members");
        Browser.assertAccessible(page);

        tab("Access").click();
        assertThat(page.getByText("No access is assigned to release-managers yet.")).isVisible();
        button("Assign access").click();
        Locator step1 = dialog("Assign access to release-managers").and(page.locator("#assign-dialog"));
        step1.getByLabel("Service", new Locator.GetByLabelOptions().setExact(true))
                .selectOption(new SelectOption().setLabel("IAM Identity Service"));
        button(step1, "Next").click();
        Locator step2 = page.locator("#assign-roles");
        labelled(step2, "Viewer").check();
        button(step2, "Assign").click();
        assertThat(row("IAM Identity Service")).containsText("Viewer");
        assertThat(page.getByText("every member gets the roles they grant")).isVisible();
        Browser.screenshot(page, "access-group-access");
        Browser.assertAccessible(page);
        List<Policy> policies = fixtures.policiesOf(accountId, groupId);
        assertThat(policies).hasSize(1);
        Answer listed = server.get("/v1/policies?account_id=" + accountId + "&access_group_id=" + groupId, adminToken);
        assertThat(listed.body().get("policies").get(0).get("subjects").get(0).get("attributes").get(0).get("name")
                .asText()).as(listed.raw()).isEqualTo("access_group_id");

        // The member holds what the group grants from its very next request.
        anaPage.navigate(server.url + "/iam/serviceids");
        assertThat(anaPage.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText("release-robot")))
                .isVisible();
        anaPage.navigate(server.url + "/iam/groups");
        assertThat(anaPage.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("release-managers")))
                .isVisible();
        page.navigate(server.url + "/iam/users/" + ana.iamId());
        assertThat(page.locator("section.subsection").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions()
                .setName("release-managers"))).isVisible();
        page.navigate(server.url + "/iam/serviceids/" + robotId + "?tab=access");
        assertThat(page.locator("section.subsection").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions()
                .setName("release-managers"))).isVisible();

        page.navigate(server.url + "/iam/groups/" + groupId);
        button("Remove " + anaEmail).click();
        Locator confirm = dialog("Remove " + anaEmail + " from release-managers?");
        assertThat(confirm).containsText("loses what the group's access policies grant at once");
        button(confirm, "Remove").click();
        assertThat(row(anaEmail)).hasCount(0);
        assertThat(row("release-robot")).isVisible();
        anaPage.navigate(server.url + "/iam/serviceids");
        assertThat(anaPage.getByText("There are no service IDs you can see yet.")).isVisible();

        tab("Details").click();
        assertThat(page.getByText(groupId, new Page.GetByTextOptions().setExact(true))).isVisible();
        button("Delete").click();
        Locator delete = dialog("Delete access group release-managers?");
        assertThat(delete).containsText("Its 1 member leaves it, and the access policies assigned to it are deleted");
        Browser.assertAccessible(page);
        button(delete, "Delete").click();
        assertThat(page).hasURL(server.url + "/iam/groups");
        assertThat(server.get("/v2/groups/" + groupId, adminToken).status()).isEqualTo(404);
        assertThat(fixtures.policiesOf(accountId, groupId)).isEmpty();
    }

    @Test
    void aUsersAndAServiceIdsAccessAddThemToGroupsAndRemoveThem() {
        String groupId = groupNamed("on-call", "Answers the pager");
        String pagerId = serviceIdNamed("pager", "Pages whoever is on call");
        Person bob = fixtures.member(accountId);
        String bobEmail = fixtures.email(bob.iamId());
        signInWithApiKey(server.adminKey);

        page.navigate(server.url + "/iam/users/" + bob.iamId());
        assertThat(page.getByText(bobEmail + " is in no access group yet.")).isVisible();
        button("Add to access group").click();
        Locator join = dialog("Add " + bobEmail + " to an access group");
        join.getByLabel("Access group").selectOption(new SelectOption().setLabel("on-call"));
        Browser.assertAccessible(page);
        button(join, "Add").click();
        Locator part = page.locator("section.subsection");
        assertThat(part.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("on-call"))).isVisible();
        assertThat(membership("/v2/groups/" + groupId + "/members/" + bob.iamId())).isEqualTo(204);
        Browser.assertAccessible(page);
        button("Remove from on-call").click();
        button(dialog("Remove from access group on-call?"), "Remove").click();
        assertThat(page.getByText(bobEmail + " is in no access group yet.")).isVisible();
        assertThat(membership("/v2/groups/" + groupId + "/members/" + bob.iamId())).isEqualTo(404);

        page.navigate(server.url + "/iam/serviceids/" + pagerId + "?tab=access");
        button("Add to access group").click();
        Locator joinPager = dialog("Add pager to an access group");
        joinPager.getByLabel("Access group").selectOption(new SelectOption().setLabel("on-call"));
        button(joinPager, "Add").click();
        assertThat(page).hasURL(server.url + "/iam/serviceids/" + pagerId + "?tab=access");
        assertThat(page.locator("section.subsection").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions()
                .setName("on-call"))).isVisible();
        assertThat(membership("/v2/groups/" + groupId + "/members/iam-" + pagerId)).isEqualTo(204);
        page.navigate(server.url + "/iam/groups/" + groupId);
        assertThat(row("pager")).containsText("Service ID");
        assertThat(row("pager")).containsText("Pages whoever is on call");
    }

    @Test
    void whatTheServerRefusesIsShownInPlaceInItsWords() throws Exception {
        String admins = groupNamed("account-admins", "Administer access to everything");
        fixtures.grant(accountId, admins, "iam-access-management", Role.ADMINISTRATOR);
        String helpers = groupNamed("helpers", "Help desk");
        Person editor = fixtures.member(accountId);
        fixtures.grant(accountId, editor.iamId(), "iam-groups", Role.EDITOR);

        // An Editor of groups may not put anyone into a group that grants more than they could grant themself.
        signInWithApiKey(editor.apikey());
        page.navigate(server.url + "/iam/groups/" + admins);
        assertThat(button("Add members")).hasAttribute("aria-disabled", "true");
        assertThat(page.getByRole(AriaRole.NOTE)).containsText("a member gets what its policy");
        assertThat(dialog("Add members to account-admins")).hasCount(0);
        Browser.assertAccessible(page);
        ConsoleClient client = ConsoleClient.signedIn(server, editor.apikey());
        String csrf = client.csrfOf(client.get("/iam/groups"));
        HttpResponse<String> forced = client.post("/iam/groups/" + admins + "/members", "csrf=" + csrf + "&member="
                + ConsoleClient.encode(editor.iamId()));
        assertThat(forced.statusCode()).isEqualTo(403);
        assertThat(forced.body()).contains("a member gets what its policy");
        assertThat(membership("/v2/groups/" + admins + "/members/" + editor.iamId())).isEqualTo(404);

        // "Add to access group" offers only the groups the editor may add members to.
        page.navigate(server.url + "/iam/users/" + editor.iamId());
        button("Add to access group").click();
        Locator choices = dialog("Add " + fixtures.email(editor.iamId()) + " to an access group")
                .getByLabel("Access group").locator("option");
        assertThat(choices.filter(new Locator.FilterOptions().setHasText("helpers"))).hasCount(1);
        assertThat(choices.filter(new Locator.FilterOptions().setHasText("account-admins"))).hasCount(0);
        page.keyboard().press("Escape");

        // A rename over someone else's: the dialog says so, and nothing is overwritten.
        page.navigate(server.url + "/iam/groups/" + helpers + "?tab=details");
        button("Edit").click();
        Locator edit = dialog("Edit access group");
        edit.getByLabel("Name").fill("help-desk");
        Answer meanwhile = server.call("PATCH", "/v2/groups/" + helpers, adminToken, "{\"name\":\"service-desk\"}",
                Map.of("If-Match", "*"));
        assertThat(meanwhile.status()).as(meanwhile.raw()).isEqualTo(200);
        Response saved = page.waitForResponse(r -> r.url().endsWith("/edit"), () -> button(edit, "Save").click());
        assertThat(saved.status()).isEqualTo(409);
        assertThat(dialog("Edit access group").getByRole(AriaRole.ALERT))
                .containsText("Someone changed this access group after you opened it");
        assertThat(server.get("/v2/groups/" + helpers, adminToken).body().get("name").asText())
                .isEqualTo("service-desk");
        Browser.assertAccessible(page);

        // Removing a member who left meanwhile: the server's 404, above the members.
        addMember(helpers, editor.iamId(), "user");
        page.navigate(server.url + "/iam/groups/" + helpers);
        assertThat(server.delete("/v2/groups/" + helpers + "/members/" + editor.iamId(), adminToken).status())
                .isEqualTo(204);
        button("Remove " + fixtures.email(editor.iamId())).click();
        button(dialog("Remove " + fixtures.email(editor.iamId()) + " from service-desk?"), "Remove").click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("is not a member of access group " + helpers);
    }

    @Test
    void aMemberWithoutARoleSeesOnlyItsOwnGroupsAndIsRefusedTheOthers() {
        Person carol = fixtures.member(accountId);
        String mine = groupNamed("carols-team", "Carol is in it");
        String hidden = groupNamed("not-for-carol", "Carol is not in it");
        addMember(mine, carol.iamId(), "user");
        signInWithApiKey(carol.apikey());
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Access groups")).click();
        assertThat(row("carols-team")).isVisible();
        assertThat(page.getByText("not-for-carol")).hasCount(0);
        assertThat(button("Create")).hasCount(0);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("carols-team")).click();
        assertThat(page.getByText("You may see this group, but not its members")).isVisible();
        assertThat(button("Edit")).hasCount(0);
        assertThat(button("Delete")).hasCount(0);
        assertThat(button("Add members")).hasCount(0);
        Browser.assertAccessible(page);

        Response forced = page.navigate(server.url + "/iam/groups/" + hidden);
        assertThat(forced.status()).isEqualTo(403);
        assertThat(heading("Forbidden")).isVisible();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("You are not allowed to read access group " + hidden);
        assertThat(page.navigate(server.url + "/iam/groups/" + hidden + "?tab=access").status()).isEqualTo(403);
    }

    @Test
    void theListSearchesSortsAndPagesTwentyAtATime() {
        groupNamed("Platform engineers", "Run the clusters and the CI");
        groupNamed("Release engineers", "Ship releases");
        groupNamed("Security engineers", "Review leaked keys and the audit log");
        for (int i = 0; i < 21; i++) {
            groupNamed(String.format("paged-%02d", i), "number " + i);
        }
        signInWithApiKey(server.adminKey);
        page.navigate(server.url + "/iam/groups");
        page.getByLabel("Search").fill("engineers");
        button("Apply").click();
        assertThat(page.locator("tbody tr")).hasCount(3);
        assertThat(page.locator(".pager")).containsText("3 groups");
        Browser.screenshot(page, "access-groups");
        Browser.assertAccessible(page);

        page.navigate(server.url + "/iam/groups?search=paged-");
        assertThat(page.locator("tbody tr")).hasCount(20);
        assertThat(page.locator(".pager")).containsText("21 groups");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Next")).click();
        assertThat(page.locator("tbody tr")).hasCount(1);
        assertThat(row("paged-20")).isVisible();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Previous")).click();
        assertThat(row("paged-00")).isVisible();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Description")).click();
        assertThat(page.locator("th[aria-sort=ascending]")).containsText("Description");
        assertThat(page.locator("tbody tr").first()).containsText("number 0");
        page.navigate(server.url + "/iam/groups?search=" + "no-such-group");
        assertThat(page.getByText("No access group's name contains “no-such-group”.")).isVisible();
    }
}
