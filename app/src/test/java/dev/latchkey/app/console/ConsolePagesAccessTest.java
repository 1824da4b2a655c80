package dev.latchkey.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.app.support.ConsoleClient;
import dev.latchkey.app.support.Fixtures;
import dev.latchkey.app.support.Fixtures.Person;
import dev.latchkey.app.support.TestServer;
import dev.latchkey.core.access.Role;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Deny by default, for every console page the server has: each states who may open it; without a session a
 * signed-in page sends the browser to sign in and changes nothing; a form posted without the page's CSRF token
 * is refused with 403, signed in or not; and every page answers with the console's security headers.
 */
class ConsolePagesAccessTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.h2();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The console's pages, as "METHOD path ACCESS", with every path parameter filled in. */
    static List<String[]> pages() {
        return server.wiring.consolePages().stream().map(p -> p.replaceAll("\\{[^}]+}", "x").split(" ")).toList();
    }

    @Test
    void everyPageStatesWhoMayOpenIt() {
        assertThat(pages()).isNotEmpty().allSatisfy(p -> assertThat(p[2]).isIn("ANYONE", "SIGNED_IN"));
        assertThat(pages()).filteredOn(p -> p[2].equals("ANYONE")).extracting(p -> p[0] + " " + p[1])
                .as("the pages for anyone are sign-in and the assets; a new one must be added here on purpose")
                .containsExactlyInAnyOrder("GET /console/assets/x", "GET /", "GET /login", "POST /login",
                        "POST /login/apikey",
                        // accepting an invitation, and a forgotten password's reset by mail
                        "GET /invite", "POST /invite", "GET /forgot-password", "POST /forgot-password",
                        "GET /reset-password", "POST /reset-password");
    }

    @Test
    void withoutASessionSignedInPagesSendToSignInAndChangeNothing() throws Exception {
        ConsoleClient anonymous = new ConsoleClient(server);
        for (String[] page : pages()) {
            if (!page[2].equals("SIGNED_IN")) {
                continue;
            }
            HttpResponse<String> answer = page[0].equals("GET") ? anonymous.get(page[1])
                    : anonymous.post(page[1], "csrf=forged");
            assertThat(answer.statusCode()).as(page[0] + " " + page[1]).isEqualTo(303);
            assertThat(answer.headers().firstValue("Location").orElse("")).as(page[0] + " " + page[1])
                    .startsWith("/login");
        }
    }

    /**
     * The pages a session alone does not open, with who is refused: a GET by a member without the role the page's
     * service asks for is its 403, and the navigation does not offer the page. A new such page is added here.
     */
    @Test
    void pagesThatNeedARoleRefuseMembersWithoutItAndAreNotOfferedToThem() throws Exception {
        Fixtures fixtures = new Fixtures(server);
        Person owner = fixtures.accountWithOwner();
        Person member = fixtures.member(owner.accountId());
        Person keyAdministrator = fixtures.member(owner.accountId(), Role.ADMINISTRATOR);
        Person auditor = fixtures.member(owner.accountId());
        fixtures.grant(owner.accountId(), auditor.iamId(), "iam-audit", Role.VIEWER);
        // the audit log: its owner and Viewers (and up) of the IAM Audit Log service; IAM Identity roles do not count
        for (Person refused : List.of(member, keyAdministrator)) {
            ConsoleClient client = ConsoleClient.signedIn(server, refused.apikey());
            for (String path : List.of("/iam/audit", "/iam/audit?action=iam-identity.apikey.create&before=3",
                    "/iam/audit?from=bad")) {
                HttpResponse<String> answer = client.get(path);
                assertThat(answer.statusCode()).as(path).isEqualTo(403);
                assertThat(answer.body()).as(path).contains("iam-audit.event.list").doesNotContain("<table");
            }
            assertThat(client.get("/iam/apikeys").body()).as("no navigation entry").doesNotContain("/iam/audit");
        }
        for (Person reader : List.of(owner, auditor)) {
            ConsoleClient client = ConsoleClient.signedIn(server, reader.apikey());
            assertThat(client.get("/iam/audit").statusCode()).isEqualTo(200);
            assertThat(client.get("/iam/apikeys").body()).contains("<a href=\"/iam/audit\"");
        }
        // an access group's page and its forms: who may read the group (Viewer and up on IAM Access Groups, its
        // members, the owner); the groups list shows anyone only the groups they may read
        String group = server.post("/v2/groups?account_id=" + owner.accountId(), server.token(owner.apikey()),
                "{\"name\":\"staff\"}").body().get("id").asText();
        ConsoleClient outsider = ConsoleClient.signedIn(server, member.apikey());
        for (String path : List.of("/iam/groups/" + group, "/iam/groups/" + group + "?tab=access",
                "/iam/groups/" + group + "?tab=details")) {
            HttpResponse<String> answer = outsider.get(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(403);
            assertThat(answer.body()).as(path).contains("iam-groups.groups.read").doesNotContain("<table");
        }
        String csrf = outsider.csrfOf(outsider.get("/iam/groups"));
        for (String action : List.of("/edit", "/delete", "/members", "/members/" + member.iamId() + "/remove")) {
            HttpResponse<String> answer = outsider.post("/iam/groups/" + group + action, "csrf=" + csrf
                    + "&etag=*&name=taken&member=" + member.iamId());
            assertThat(answer.statusCode()).as(action).isEqualTo(403);
        }
        assertThat(outsider.get("/iam/groups").body()).doesNotContain(group).doesNotContain("create-dialog");
        assertThat(server.get("/v2/groups/" + group, server.token(owner.apikey())).body().get("name").asText())
                .isEqualTo("staff");
        ConsoleClient groupOwner = ConsoleClient.signedIn(server, owner.apikey());
        assertThat(groupOwner.get("/iam/groups/" + group).statusCode()).isEqualTo(200);
        assertThat(groupOwner.get("/iam/groups").body()).contains("/iam/groups/" + group);

        // notifications: Operators, Editors and Administrators of IAM Identity (and the owner) see and change the
        // endpoints, its Administrators read the deliveries; a member without those roles gets none of it
        String endpoints = "/v1/accounts/" + owner.accountId() + "/notification_endpoints";
        String endpoint = server.post(endpoints, server.token(owner.apikey()),
                "{\"url\":\"https://hooks.example.com/staff\"}").body().get("id").asText();
        ConsoleClient viewer = ConsoleClient.signedIn(server, fixtures.member(owner.accountId(), Role.VIEWER).apikey());
        for (ConsoleClient refusedClient : List.of(outsider, viewer)) {
            String token = refusedClient.csrfOf(refusedClient.get("/iam/apikeys"));
            for (String action : List.of("/iam/notifications/endpoints", "/iam/notifications/endpoints/" + endpoint
                    + "/edit", "/iam/notifications/endpoints/" + endpoint + "/delete")) {
                assertThat(refusedClient.post(action, "csrf=" + token + "&etag=*&description=evil"
                        + "&url=https%3A%2F%2Fevil.example.com%2F&events=audit").statusCode()).as(action)
                        .isEqualTo(403);
            }
            HttpResponse<String> refused = refusedClient.get("/iam/notifications");
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("iam-identity.account.get").doesNotContain("hooks.example.com");
            assertThat(refusedClient.get("/iam/apikeys").body()).doesNotContain("/iam/notifications");
        }
        assertThat(server.get(endpoints, server.token(owner.apikey())).raw()).contains(endpoint)
                .doesNotContain("evil").doesNotContain("audit");
        ConsoleClient operator = ConsoleClient.signedIn(server, fixtures.member(owner.accountId(), Role.OPERATOR)
                .apikey());
        HttpResponse<String> operated = operator.get("/iam/notifications");
        assertThat(operated.statusCode()).isEqualTo(200);
        assertThat(operated.body()).contains("https://hooks.example.com/staff", "add-endpoint", "edit-" + endpoint,
                        "delete-" + endpoint)
                .doesNotContain("Deliveries");
        assertThat(operator.get("/iam/apikeys").body()).contains("<a href=\"/iam/notifications\"");
        HttpResponse<String> administered = ConsoleClient.signedIn(server, keyAdministrator.apikey())
                .get("/iam/notifications");
        assertThat(administered.body()).contains("add-endpoint", "delete-" + endpoint, "Deliveries");

        // service ID groups: Viewers (and up) of IAM Identity and the owner see them; Editors also create and edit
        // them, Operators and Administrators also delete them; a member without those roles gets none of it
        String sidGroup = server.post("/v1/serviceid_groups", server.token(owner.apikey()), "{\"account_id\":\""
                + owner.accountId() + "\",\"name\":\"batch\"}").body().get("id").asText();
        HttpResponse<String> unseen = outsider.get("/iam/serviceid-groups");
        assertThat(unseen.statusCode()).isEqualTo(403);
        assertThat(unseen.body()).contains("iam-identity.serviceidgroup.list").doesNotContain("batch");
        assertThat(outsider.get("/iam/serviceids").body()).doesNotContain("/iam/serviceid-groups");
        ConsoleClient editor = ConsoleClient.signedIn(server, fixtures.member(owner.accountId(), Role.EDITOR).apikey());
        for (ConsoleClient refusedClient : List.of(outsider, viewer, editor)) {
            String token = refusedClient.csrfOf(refusedClient.get("/iam/apikeys"));
            List<String> actions = refusedClient == editor ? List.of("/delete")
                    : List.of("", "/edit", "/delete");
            for (String action : actions) {
                String path = "/iam/serviceid-groups" + (action.isEmpty() ? "" : "/" + sidGroup + action);
                assertThat(refusedClient.post(path, "csrf=" + token + "&etag=*&name=forced").statusCode()).as(path)
                        .isEqualTo(403);
            }
        }
        assertThat(server.get("/v1/serviceid_groups?account_id=" + owner.accountId(), server.token(owner.apikey()))
                .raw()).contains("batch").doesNotContain("forced");
        HttpResponse<String> viewed = viewer.get("/iam/serviceid-groups");
        assertThat(viewed.statusCode()).isEqualTo(200);
        assertThat(viewed.body()).contains("batch").doesNotContain("create-group").doesNotContain("edit-" + sidGroup)
                .doesNotContain("delete-" + sidGroup);
        assertThat(viewer.get("/iam/serviceids").body()).contains("href=\"/iam/serviceid-groups\"");
        assertThat(editor.get("/iam/serviceid-groups").body()).contains("create-group", "edit-" + sidGroup)
                .doesNotContain("delete-" + sidGroup);
        assertThat(operator.get("/iam/serviceid-groups").body()).contains("create-group", "edit-" + sidGroup,
                "delete-" + sidGroup);
    }

    @Test
    void everyFormPostedWithoutItsTokenIsRefused() throws Exception {
        ConsoleClient signedIn = ConsoleClient.signedIn(server, server.adminKey);
        ConsoleClient anonymous = new ConsoleClient(server);
        anonymous.get("/login");
        for (String[] page : pages()) {
            if (!page[0].equals("POST")) {
                continue;
            }
            ConsoleClient client = page[2].equals("SIGNED_IN") ? signedIn : anonymous;
            HttpResponse<String> missing = client.post(page[1], "name=x");
            assertThat(missing.statusCode()).as("no token: " + page[1]).isEqualTo(403);
            assertThat(missing.body()).contains("did not come from a page of this console");
            HttpResponse<String> wrong = client.post(page[1], "csrf=" + "A".repeat(43));
            assertThat(wrong.statusCode()).as("another token: " + page[1]).isEqualTo(403);
        }
        assertThat(signedIn.get("/iam/apikeys").statusCode()).as("the session is still good").isEqualTo(200);
    }

    @Test
    void everyPageSendsTheSecurityHeaders() throws Exception {
        ConsoleClient signedIn = ConsoleClient.signedIn(server, server.adminKey);
        for (String[] page : pages()) {
            if (!page[0].equals("GET") || page[1].contains("/x")) {
                continue;
            }
            HttpResponse<String> answer = signedIn.get(page[1]);
            assertThat(answer.headers().firstValue("Content-Security-Policy").orElse(""))
                    .as(page[1]).contains("script-src 'self'").contains("frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline");
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(page[1]).contains("nosniff");
            assertThat(answer.headers().firstValue("Referrer-Policy")).as(page[1]).contains("no-referrer");
            assertThat(answer.headers().firstValue("Cache-Control")).as(page[1]).contains("no-store");
        }
    }

    @Test
    void theStylesheetAndScriptAreSmallFingerprintedAndKeptForAYear() throws Exception {
        ConsoleClient anonymous = new ConsoleClient(server);
        String login = anonymous.get("/login").body();
        java.util.regex.Matcher assets = java.util.regex.Pattern
                .compile("(?:href|src)=\"(/console/assets/console\\.[0-9a-f]{12}\\.(?:css|js))\"").matcher(login);
        int total = 0;
        int found = 0;
        while (assets.find()) {
            HttpResponse<String> asset = anonymous.get(assets.group(1));
            assertThat(asset.statusCode()).as(assets.group(1)).isEqualTo(200);
            assertThat(asset.headers().firstValue("Cache-Control")).contains("public, max-age=31536000, immutable");
            assertThat(asset.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            total += asset.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            found++;
        }
        assertThat(found).as("the stylesheet and the script").isEqualTo(2);
        assertThat(total).as("JavaScript and CSS together, bytes").isLessThan(150 * 1024);
        assertThat(anonymous.get("/console/assets/console.000000000000.css").statusCode()).isEqualTo(404);
    }
}
