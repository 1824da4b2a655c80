package dev.latchkey.app.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.latchkey.app.support.Browser;
import dev.latchkey.app.support.Fixtures.Person;
import dev.latchkey.app.support.TestServer.Answer;
import dev.latchkey.core.access.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Manage &gt; Access (IAM) &gt; Audit log in a real browser: what was done through the API is listed newest first
 * with who did it and to what, filtered by action, paged by "Older events", reached from an API key's and a service
 * ID's page; offered to the owner and to Viewers of the IAM Audit Log service, and refused (403, no navigation entry,
 * no link) to everyone else, an IAM Identity administrator included.
 */
class ConsoleAuditLogTest extends ConsoleBrowserTest {
    static final String PATH = "/iam/audit";

    /** What a test made through the API, and the values it must never find on a page. */
    record Made(String keyId, String serviceId, List<String> values) {
    }

    /**
     * In {@code owner}'s account, through the API: 16 keys (a user may have 20), a service ID, a key created and renamed ("deploy-bot"),
     * a key created and deleted ("old-ci"), and a refused exchange of a disabled key (a "failure" event, once the
     * refusals are written).
     */
    Made activity(Person owner) throws InterruptedException {
        String token = server.token(owner.apikey());
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= 16; i++) {
            values.add(createKey(owner, token, String.format("batch-%02d", i)).path("apikey").asText());
        }
        Answer sid = server.post("/v1/serviceids", token, "{\"account_id\":\"" + owner.accountId()
                + "\",\"name\":\"deploy-pipeline\",\"description\":\"Deploys from CI\"}");
        assertThat(sid.status()).as(sid.raw()).isEqualTo(201);
        JsonNode key = createKey(owner, token, "deploy-bot");
        values.add(key.path("apikey").asText());
        String keyId = key.path("id").asText();
        Answer etag = server.get("/v1/apikeys/" + keyId, token);
        Answer renamed = server.call("PUT", "/v1/apikeys/" + keyId, token,
                "{\"name\":\"deploy-bot\",\"description\":\"Deploys from CI\"}", Map.of("If-Match", etag.header("Etag")));
        assertThat(renamed.status()).as(renamed.raw()).isEqualTo(200);
        JsonNode old = createKey(owner, token, "old-ci");
        values.add(old.path("apikey").asText());
        assertThat(server.delete("/v1/apikeys/" + old.path("id").asText(), token).status()).isEqualTo(204);
        String disabled = secret(fixtures.key(owner.accountId(), owner.iamId(), null, true));
        values.add(disabled);
        assertThat(server.tokenFor(disabled).status()).isEqualTo(400); // one refusal: one event, in one flush
        String events = "/v1/accounts/" + owner.accountId() + "/audit_events?action=iam-identity.apikey.login";
        for (int i = 0; i < 50 && server.get(events, token).body().path("events").isEmpty(); i++) {
            Thread.sleep(100); // refusals are written once a second
        }
        assertThat(server.get(events, token).body().path("events")).as("the refusals were written").hasSize(1);
        return new Made(keyId, sid.body().path("id").asText(), values);
    }

    JsonNode createKey(Person owner, String token, String name) {
        Answer made = server.post("/v1/apikeys", token, "{\"name\":\"" + name + "\",\"iam_id\":\"" + owner.iamId()
                + "\"}");
        assertThat(made.status()).as(made.raw()).isEqualTo(201);
        secret(made.body().path("apikey").asText());
        return made.body();
    }

    /** {@code text} as a regular expression that matches it literally (Playwright's are JavaScript's: no \Q). */
    static String literal(String text) {
        return text.replaceAll("[\\\\^$.|?*+()\\[\\]{}]", "\\\\$0");
    }

    Locator rows() {
        return page.locator("table.audit tbody tr");
    }

    Locator row(String action) {
        return rows().filter(new Locator.FilterOptions().setHas(page.locator("td.action",
                new Page.LocatorOptions().setHasText(action)))); // no action's name holds another's
    }

    Locator navEntry() {
        return page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Manage"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Audit log").setExact(true));
    }

    @Test
    void theOwnerSeesWhatWasDoneThroughTheApiFiltersItAndPagesBack() throws Exception {
        Person owner = fixtures.accountWithOwner();
        Made made = activity(owner);
        String email = fixtures.email(owner.iamId());
        signInWithApiKey(owner.apikey());
        navEntry().click();
        assertThat(page).hasURL(server.url + PATH);
        assertThat(navEntry()).hasAttribute("aria-current", "page");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).hasText("Audit log");

        // 16 + 1 + 2 + 2 + 1 = 22 events, newest first: the refusals were written last
        assertThat(rows()).hasCount(20);
        assertThat(rows().first().locator("td.action")).hasText("iam-identity.apikey.login");
        assertThat(rows().first().locator(".tag.failure")).hasText("Failure");
        assertThat(rows().first().locator("td.event-details")).containsText("reason:key_disabled");
        assertThat(rows().first().locator("td.event-details")).containsText("count:1");
        assertThat(rows().nth(1).locator("td.action")).hasText("iam-identity.apikey.delete");
        assertThat(rows().nth(1).locator("td.target")).containsText("API key");
        assertThat(rows().nth(1).locator("td.target")).containsText("old-ci");
        assertThat(rows().nth(1).locator(".tag.success")).hasText("Success");
        Locator update = row("iam-identity.apikey.update");
        assertThat(update).hasCount(1);
        assertThat(update.locator("td.actor")).containsText(email);
        assertThat(update.locator("td.actor")).containsText("from 127.0.0.1");
        assertThat(update.locator("td.target")).containsText(made.keyId());
        assertThat(update.locator("td.event-details")).containsText("description:Deploys from CI");
        assertThat(update.locator("td.when time")).hasAttribute("title", Pattern.compile("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC$"));
        assertThat(update.locator("td.when time")).hasText("just now");
        assertThat(row("iam-identity.serviceid.create").locator("td.target")).containsText("deploy-pipeline");
        String html = page.content();
        for (String value : made.values()) {
            assertThat(html).as("no key value on the page").doesNotContain(value, value.substring(3));
        }
        Browser.screenshot(page, "audit-log");
        Browser.assertAccessible(page);

        // filter by action: one event, and the form keeps the choice
        page.getByLabel("Action", new Page.GetByLabelOptions().setExact(true)).selectOption("iam-identity.apikey.update");
        button("Apply").click();
        assertThat(page).hasURL(Pattern.compile(literal(server.url + PATH + "?action=iam-identity.apikey.update&")
                + ".*"));
        assertThat(rows()).hasCount(1);
        assertThat(rows().first().locator("td.target")).containsText("deploy-bot");
        assertThat(page.getByLabel("Action", new Page.GetByLabelOptions().setExact(true)))
                .hasValue("iam-identity.apikey.update");
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Older events"))).hasCount(0);

        // an actor's link filters by them, the other filters kept
        rows().first().locator("td.actor a").click();
        assertThat(page).hasURL(server.url + PATH + "?action=iam-identity.apikey.update&actor="
                + owner.iamId().replace(":", "%3A"));
        assertThat(rows()).hasCount(1);
        assertThat(page.getByLabel("Actor", new Page.GetByLabelOptions().setExact(true))).hasValue(owner.iamId());

        // page back: 20 newest, then the 2 oldest; and back to the newest
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Clear filters")).click();
        assertThat(page).hasURL(server.url + PATH);
        assertThat(rows()).hasCount(20);
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Newest events"))).hasCount(0);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Older events")).click();
        assertThat(page).hasURL(Pattern.compile(literal(server.url + PATH + "?before=") + "\\d+$"));
        assertThat(rows()).hasCount(2);
        assertThat(rows().locator("td.target")).containsText(new String[] {"batch-02", "batch-01"});
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Older events"))).hasCount(0);
        Browser.assertAccessible(page);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Newest events")).click();
        assertThat(page).hasURL(server.url + PATH);
        assertThat(rows()).hasCount(20);
    }

    @Test
    void badFiltersAreRefusedOnThePageInTheServicesWords() {
        Person owner = fixtures.accountWithOwner();
        signInWithApiKey(owner.apikey());
        assertThat(page.navigate(server.url + PATH + "?from=2026-12-05&to=2026-12-01&actor=someone").status())
                .isEqualTo(400);
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("'From' (2026-12-05) must not be after 'To' (2026-12-01)");
        assertThat(page.getByLabel("Actor", new Page.GetByLabelOptions().setExact(true))).hasValue("someone");
        assertThat(page.getByLabel("From (UTC)")).hasValue("2026-12-05");
        assertThat(rows()).hasCount(0);
        assertThat(navEntry()).hasAttribute("aria-current", "page");
        Browser.assertAccessible(page);

        assertThat(page.navigate(server.url + PATH + "?from=yesterday").status()).isEqualTo(400);
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("'From' must be a date like 2030-01-31");
        assertThat(page.navigate(server.url + PATH + "?to=99999-01-01").status()).isEqualTo(400);
        assertThat(page.navigate(server.url + PATH + "?before=-3").status()).isEqualTo(400);
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("Parameter 'before'");
        assertThat(page.navigate(server.url + PATH + "?actor=" + "x".repeat(257)).status()).isEqualTo(400);
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("at most 256 characters");

        // one day, both ends included; and the last day there is
        assertThat(page.navigate(server.url + PATH + "?from=2026-12-05&to=2026-12-05").status()).isEqualTo(200);
        assertThat(page.navigate(server.url + PATH + "?from=0001-01-01&to=9999-12-31").status()).isEqualTo(200);
        assertThat(page.locator(".empty")).containsText("No events match these filters.");
    }

    @Test
    void anApiKeysAndAServiceIdsPageLinkToTheirEvents() throws Exception {
        Person owner = fixtures.accountWithOwner();
        Made made = activity(owner);
        signInWithApiKey(owner.apikey());
        page.navigate(server.url + "/iam/apikeys/" + made.keyId());
        page.locator("main").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Audit log")
                .setExact(true)).click();
        assertThat(page).hasURL(server.url + PATH + "?target_id=" + made.keyId());
        assertThat(page.getByLabel("Target ID")).hasValue(made.keyId());
        assertThat(rows()).hasCount(2);
        assertThat(rows().locator("td.action")).hasText(new String[] {"iam-identity.apikey.update",
                "iam-identity.apikey.create"});

        page.navigate(server.url + "/iam/serviceids/" + made.serviceId());
        page.locator("main").getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Audit log")
                .setExact(true)).click();
        assertThat(page).hasURL(server.url + PATH + "?target_id=" + made.serviceId());
        assertThat(rows()).hasCount(1);
        assertThat(rows().first().locator("td.action")).hasText("iam-identity.serviceid.create");
        assertThat(rows().first().locator("td.target")).containsText("deploy-pipeline");
        Browser.screenshot(page, "audit-log-service-id");
    }

    @Test
    void onlyTheOwnerAndAuditLogViewersAreOfferedThePageEveryoneElseIsRefused() throws Exception {
        Person owner = fixtures.accountWithOwner();
        Made made = activity(owner);
        Person member = fixtures.member(owner.accountId());
        Person identityAdmin = fixtures.member(owner.accountId(), Role.ADMINISTRATOR);
        Person auditor = fixtures.member(owner.accountId());
        fixtures.grant(owner.accountId(), auditor.iamId(), "iam-audit", Role.VIEWER);

        for (Person refused : List.of(member, identityAdmin)) {
            context.clearCookies();
            signInWithApiKey(refused.apikey());
            assertThat(page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Manage")))
                    .containsText("Leaked keys");
            assertThat(navEntry()).hasCount(0);
            var answer = page.navigate(server.url + PATH + "?action=iam-identity.apikey.delete");
            assertThat(answer.status()).isEqualTo(403);
            assertThat(page.locator("main")).containsText("iam-audit.event.list");
            assertThat(rows()).hasCount(0);
            assertThat(page.navigate(server.url + PATH + "?from=not-a-date").status())
                    .as("bad filters are refused as the page is: 403 first").isEqualTo(403);
        }
        // the key administrator sees the key, but no link to its events
        page.navigate(server.url + "/iam/apikeys/" + made.keyId());
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).containsText("deploy-bot");
        assertThat(page.locator("main a[href^='/iam/audit']")).hasCount(0);

        context.clearCookies();
        signInWithApiKey(auditor.apikey());
        navEntry().click();
        assertThat(page).hasURL(server.url + PATH);
        assertThat(rows()).hasCount(20);
        Browser.assertAccessible(page);
    }
}
