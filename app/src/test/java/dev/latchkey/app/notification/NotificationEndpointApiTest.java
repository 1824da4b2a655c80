package dev.latchkey.app.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.app.support.NotificationTestKit;
import dev.latchkey.app.support.TestServer;
import dev.latchkey.app.support.TestServer.Answer;
import dev.latchkey.http.PageToken;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code /v1/accounts/{id}/notification_endpoints} and {@code /notifications} over HTTP: success and validation. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationEndpointApiTest {
    TestServer server;
    NotificationTestKit kit;
    String endpoints;

    @BeforeAll
    void start() {
        server = TestServer.start(TestServer.config(false).withNotifications(NotificationTestKit.driven()));
        kit = new NotificationTestKit(server);
        endpoints = "/v1/accounts/" + kit.accountId + "/notification_endpoints";
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void createShowsTheSecretOnceListNeverAndTheDatabaseHoldsItSealed() {
        Answer created = server.post(endpoints, kit.adminToken,
                "{\"url\":\"https://hooks.example.com/latchkey?team=sec\",\"description\":\"security team\"}");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        JsonNode e = created.body();
        String secret = e.get("secret").asText();
        assertThat(secret).matches("lkwh_[0-9A-Za-z]{49}");
        assertThat(e.get("id").asText()).startsWith("Endpoint-");
        assertThat(e.get("url").asText()).isEqualTo("https://hooks.example.com/latchkey?team=sec");
        assertThat(e.get("description").asText()).isEqualTo("security team");
        assertThat(e.get("account_id").asText()).isEqualTo(kit.accountId);
        assertThat(e.get("created_by").asText()).isEqualTo(kit.admin.iamId());

        Answer list = server.get(endpoints, kit.ownerToken);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().get("endpoints")).anySatisfy(l -> assertThat(l.get("id")).isEqualTo(e.get("id")));
        assertThat(list.raw()).doesNotContain(secret).doesNotContain("\"secret\"");

        byte[] stored = server.wiring.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT sealed_secret FROM notification_endpoints WHERE id = :id").bind("id", e.get("id").asText())
                .mapTo(byte[].class).one());
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(secret)
                .doesNotContain(secret.substring(5, 20));

        assertThat(server.delete(endpoints + "/" + e.get("id").asText(), kit.ownerToken).status()).isEqualTo(204);
        Answer again = server.delete(endpoints + "/" + e.get("id").asText(), kit.ownerToken);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.errorCode()).isEqualTo("not_found");
    }

    @Test
    void anAccountHasAtMostTwentyEndpointsEvenWhenCreationsRace() throws Exception {
        int existing = server.get(endpoints, kit.ownerToken).body().get("endpoints").size();
        for (int i = existing; i < 19; i++) {
            assertThat(server.post(endpoints, kit.adminToken, "{\"url\":\"https://hooks.example.com/fill-" + i
                    + "\",\"description\":\"limit\"}").status()).isEqualTo(201);
        }
        java.util.List<Answer> raced = TestServer.atOnce(8, i -> server.post(endpoints, kit.adminToken,
                "{\"url\":\"https://hooks.example.com/race-" + i + "\",\"description\":\"limit\"}"));
        assertThat(raced).extracting(Answer::status).containsOnly(201, 422);
        assertThat(raced).filteredOn(a -> a.status() == 201).hasSize(1);
        assertThat(raced).filteredOn(a -> a.status() == 422)
                .allSatisfy(a -> assertThat(a.body().get("errors").get(0).get("message_code").asText())
                        .isEqualTo("BXNIM0151E"));
        JsonNode all = server.get(endpoints, kit.ownerToken).body().get("endpoints");
        assertThat(all.size()).isEqualTo(20);
        all.forEach(e -> {
            if ("limit".equals(e.path("description").asText())) {
                assertThat(server.delete(endpoints + "/" + e.get("id").asText(), kit.ownerToken).status())
                        .isEqualTo(204);
            }
        });
    }

    /** Server-side request forgery: an account administrator must not make the server POST into its network. */
    @Test
    void internalAddressesAreRefusedUnlessTheOperatorAllowsThem() {
        // This server allows 127.0.0.1 only (NotificationTestKit.driven), as an operator would a local relay.
        for (String url : new String[] {"http://169.254.169.254/latest/meta-data/", "http://[::1]:5432/", "https://10.1.2.3/hook", "http://[::ffff:192.168.0.1]/x", "http://0.0.0.0:8080/",
                "http://127.0.0.2/x"}) {
            Answer answer = server.post(endpoints, kit.ownerToken, "{\"url\":\"" + url + "\"}");
            assertThat(answer.status()).as(url).isEqualTo(400);
            assertThat(answer.errorMessage()).as(url).startsWith("Field 'url' is not allowed: the host is, or resolves "
                    + "to, an internal or reserved address");
        }
        assertThat(server.get(endpoints, kit.ownerToken).body().get("endpoints").toString())
                .doesNotContain("169.254").doesNotContain("::1").doesNotContain("10.1.2.3");
        Answer allowed = server.post(endpoints, kit.ownerToken, "{\"url\":\"http://127.0.0.1:9/hook\"}");
        assertThat(allowed.status()).as(allowed.raw()).isEqualTo(201);
        Answer publicAddress = server.post(endpoints, kit.ownerToken, "{\"url\":\"https://93.184.216.34/hook\"}");
        assertThat(publicAddress.status()).as(publicAddress.raw()).isEqualTo(201);
        for (Answer created : new Answer[] {allowed, publicAddress}) {
            assertThat(server.delete(endpoints + "/" + created.body().get("id").asText(), kit.ownerToken).status())
                    .isEqualTo(204);
        }
    }

    @Test
    void onlyHttpAndHttpsUrlsAreAccepted() {
        for (String body : new String[] {"{\"url\":\"ftp://files.example.com/x\"}", "{\"url\":\"file:///etc/passwd\"}",
                "{\"url\":\"/relative\"}", "{\"url\":\"https://user:pw@example.com/x\"}", "{}", "{\"url\":42}",
                "{\"url\":\"https://example.com\",\"description\":\"" + "d".repeat(1025) + "\"}"}) {
            Answer answer = server.post(endpoints, kit.ownerToken, body);
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.errorCode()).isEqualTo("invalid_request");
        }
        assertThat(server.post(endpoints, kit.ownerToken, "{\"url\":\"ftp://x.example.com\"}").errorMessage())
                .isEqualTo("Field 'url' must be an http or https URL, not 'ftp:'.");
        assertThat(server.get(endpoints, kit.ownerToken).body().get("endpoints").toString()).doesNotContain("ftp:");
    }

    /**
     * GET one endpoint and PATCH its description and events with If-Match: a stale, missing or wrong-account change
     * and every bad body are refused with IBM's error body and change nothing; the URL cannot be changed. On a server
     * of its own: an endpoint that receives audit events fills the outbox the listing test reads.
     */
    @Test
    void anEndpointsDescriptionAndEventsChangeWithIfMatchAndItsUrlDoesNot() {
        try (TestServer server = TestServer.start(TestServer.config(false)
                .withNotifications(NotificationTestKit.driven()))) {
            changesWithIfMatch(server, new NotificationTestKit(server));
        }
    }

    private static void changesWithIfMatch(TestServer server, NotificationTestKit kit) {
        String endpoints = "/v1/accounts/" + kit.accountId + "/notification_endpoints";
        Answer created = server.post(endpoints, kit.ownerToken,
                "{\"url\":\"https://hooks.example.com/changes\",\"description\":\"first\"}");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String one = endpoints + "/" + created.body().get("id").asText();
        String tag = created.body().get("entity_tag").asText();
        assertThat(created.header("ETag")).isEqualTo(tag);

        Answer read = server.get(one, kit.ownerToken);
        assertThat(read.status()).as(read.raw()).isEqualTo(200);
        assertThat(read.header("ETag")).isEqualTo(tag);
        assertThat(read.body().get("entity_tag").asText()).isEqualTo(tag);
        assertThat(read.body().has("secret")).as("the secret is shown at creation only").isFalse();
        assertThat(server.get(endpoints, kit.ownerToken).body().get("endpoints"))
                .anySatisfy(e -> assertThat(e.get("entity_tag").asText()).isEqualTo(tag));

        String change = "{\"description\":\"\",\"events\":[\"key\",\"audit\"]}";
        Answer missing = patch(server, one, kit.ownerToken, change, null);
        assertThat(missing.status()).as(missing.raw()).isEqualTo(400);
        assertThat(missing.errorCode()).isEqualTo("missing_if_match");
        Answer stale = patch(server, one, kit.ownerToken, change, "1-00000000000000000000000000000000");
        assertThat(stale.status()).as(stale.raw()).isEqualTo(409);
        assertThat(stale.errorCode()).isEqualTo("conflict");
        for (String bad : new String[] {"{\"url\":\"https://elsewhere.example.com/x\"}", "{\"events\":[]}",
                "{\"events\":[\"keys\"]}", "{\"events\":\"audit\"}", "{\"description\":7}",
                "{\"description\":\"" + "d".repeat(1025) + "\"}", "{\"secret\":\"mine\"}"}) {
            Answer refused = patch(server, one, kit.ownerToken, bad, tag);
            assertThat(refused.status()).as(bad + ": " + refused.raw()).isEqualTo(400);
            assertThat(refused.errorCode()).as(bad).isEqualTo("invalid_request");
        }
        assertThat(patch(server, one, kit.ownerToken, "[]", tag).errorCode()).as("not an object")
                .isEqualTo("invalid_body");
        assertThat(patch(server, one, kit.ownerToken, "{\"url\":\"https://elsewhere.example.com/x\"}", tag)
                .errorMessage())
                .startsWith("Field 'url' cannot be changed: create an endpoint for the new URL");
        Answer elsewhere = patch(server, "/v1/accounts/a1b2c3d4e5f60718293a4b5c6d7e8f90/notification_endpoints/"
                + created.body().get("id").asText(), kit.ownerToken, change, "*");
        assertThat(elsewhere.status()).as("an account the caller has no role in: " + elsewhere.raw()).isEqualTo(403);
        Answer unchanged = server.get(one, kit.ownerToken);
        assertThat(unchanged.header("ETag")).as("nothing refused was written").isEqualTo(tag);
        assertThat(unchanged.body().get("description").asText()).isEqualTo("first");

        Answer changed = patch(server, one, kit.ownerToken, change, tag);
        assertThat(changed.status()).as(changed.raw()).isEqualTo(200);
        assertThat(changed.body().has("description")).as("an empty description clears it").isFalse();
        assertThat(changed.body().get("events")).extracting(JsonNode::asText).containsExactly("key", "audit");
        assertThat(changed.body().get("url").asText()).isEqualTo("https://hooks.example.com/changes");
        String newTag = changed.body().get("entity_tag").asText();
        assertThat(newTag).isNotEqualTo(tag).startsWith("2-");
        assertThat(changed.header("ETag")).isEqualTo(newTag);
        assertThat(patch(server, one, kit.ownerToken, "{\"description\":\"again\"}", tag).status())
                .as("the tag read before the change is stale now").isEqualTo(409);

        Answer described = patch(server, one, kit.ownerToken, "{\"description\":\"on call\"}", "*");
        assertThat(described.status()).as(described.raw()).isEqualTo(200);
        assertThat(described.body().get("description").asText()).isEqualTo("on call");
        assertThat(described.body().get("events")).as("events left out stay").extracting(JsonNode::asText)
                .containsExactly("key", "audit");
        assertThat(server.delete(one, kit.ownerToken).status()).isEqualTo(204);
        assertThat(patch(server, one, kit.ownerToken, change, "*").status()).isEqualTo(404);
        assertThat(server.get(one, kit.ownerToken).status()).isEqualTo(404);
    }

    private static Answer patch(TestServer server, String path, String token, String body, String ifMatch) {
        return server.call("PATCH", path, token, body, ifMatch == null ? Map.of() : Map.of("If-Match", ifMatch));
    }

    @Test
    void theOutboxListingFiltersByStateAndPages() {
        for (String name : new String[] {"one", "two", "three", "four"}) {
            var key = kit.memberKey(name);
            assertThat(server.delete("/v1/apikeys/" + key.id(), kit.adminToken).status()).isEqualTo(204);
        }
        String path = "/v1/accounts/" + kit.accountId + "/notifications";
        Answer first = server.get(path + "?state=pending&pagesize=4", kit.ownerToken);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().get("notifications")).hasSize(4).allSatisfy(n -> {
            assertThat(n.get("state").asText()).isEqualTo("pending");
            assertThat(n.get("recipient").asText()).contains("@");
            assertThat(n.has("body")).as("the message is not repeated").isFalse();
            assertThat(n.get("next_attempt_at").asText()).endsWith("Z");
        });
        assertThat(first.body().get("next").asText()).contains("pagetoken=").contains("state=pending");
        assertThat(server.get(path + "?state=delivered", kit.ownerToken).body().get("notifications")).isEmpty();
        Answer bad = server.get(path + "?state=lost", kit.ownerToken);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.errorMessage()).isEqualTo("Parameter 'state' must be one of pending, delivered, failed.");
        assertThat(server.get(path, kit.memberToken).status()).as("members do not see others' addresses").isEqualTo(403);

        // Keyset paging (decision 0038): next continues after a page's last message, previous goes back from its
        // first; messages queued by one event share their time, so their ids order them.
        List<String> all = ids(server.get(path + "?pagesize=100", kit.ownerToken).body());
        assertThat(all).hasSizeGreaterThan(6);
        List<JsonNode> pages = new ArrayList<>();
        String next = path + "?pagesize=3";
        while (next != null && pages.size() < 20) {
            JsonNode page = server.get(next, kit.ownerToken).body();
            pages.add(page);
            next = link(page, "next");
        }
        assertThat(pages.stream().flatMap(p -> ids(p).stream()).toList()).containsExactlyElementsOf(all);
        assertThat(pages.get(1).get("offset").asInt()).isEqualTo(3);
        JsonNode back = server.get(link(pages.get(1), "previous"), kit.ownerToken).body();
        assertThat(ids(back)).as("previous of the second page").containsExactlyElementsOf(all.subList(0, 3));
        JsonNode last = pages.getLast();
        int lastStart = all.indexOf(ids(last).getFirst());
        assertThat(ids(server.get(link(last, "previous"), kit.ownerToken).body())).as("previous of the last page")
                .containsExactlyElementsOf(all.subList(lastStart - 3, lastStart));
        Answer forged = server.get(path + "?pagetoken=" + PageToken.of(3, new PageToken.Position("created_at", false,
                false, "2026-01-01T00:00:00Z", all.get(2))), kit.ownerToken);
        assertThat(forged.status()).as("a token of the other order").isEqualTo(400);
        assertThat(forged.errorMessage()).contains("'pagetoken'");
    }

    /** The path and query of a page's absolute {@code next} or {@code previous} URL; null when it has none. */
    private String link(JsonNode page, String name) {
        JsonNode url = page.path(name);
        return url.isMissingNode() || url.isNull() ? null : url.asText().substring(server.url.length());
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("notifications").forEach(n -> ids.add(n.get("id").asText()));
        return ids;
    }
}
