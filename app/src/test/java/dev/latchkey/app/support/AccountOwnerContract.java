package dev.latchkey.app.support;

import static dev.latchkey.app.support.IbmErrors.assertBadRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The shared set-up of an HTTP contract suite that acts as the first-start account owner: one server per class
 * (H2 or PostgreSQL, chosen by the subclass), the owner's token, IAM id and account.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AccountOwnerContract {
    public TestServer server;
    public Fixtures fixtures;
    public String owner;
    public String ownerIamId;
    public String accountId;

    public abstract TestServer start();

    @BeforeAll
    public void startServer() {
        server = start();
        fixtures = new Fixtures(server);
        owner = server.token(server.adminKey);
        JsonNode first = server.get("/v1/apikeys", owner).body().get("apikeys").get(0);
        ownerIamId = first.get("iam_id").asText();
        accountId = first.get("account_id").asText();
    }

    @AfterAll
    public void stopServer() {
        server.close();
    }

    /** IBM's paging parameters, as every list route takes them, refused with a 400 naming the parameter. */
    public void assertPagingRefused(String listPath) {
        assertBadRequest(server.get(listPath + "?pagesize=0", owner), 400, "'pagesize'");
        assertBadRequest(server.get(listPath + "?pagesize=101", owner), 400, "'pagesize'");
        assertBadRequest(server.get(listPath + "?pagetoken=garbage!", owner), 400, "'pagetoken'");
        assertBadRequest(server.get(listPath + "?order=sideways", owner), 400, "'order'");
    }

    /**
     * Follows {@code rel} ("next" or "previous") links from {@code first}, a page of the listing at {@code listPath}:
     * every page in turn, {@code first} too. Each link must be an absolute URL of that listing with a pagetoken, and
     * answer 200 to the owner.
     */
    public List<JsonNode> follow(JsonNode first, String rel, String listPath) {
        return follow(first, rel, listPath, "pagetoken");
    }

    /** {@link #follow(JsonNode, String, String)} for a listing whose links carry their token in {@code param}. */
    public List<JsonNode> follow(JsonNode first, String rel, String listPath, String param) {
        List<JsonNode> pages = new ArrayList<>();
        JsonNode page = first;
        while (true) {
            pages.add(page);
            if (!page.has(rel) || pages.size() > 20) {
                return pages;
            }
            String url = page.get(rel).asText();
            assertThat(url).startsWith(server.url + listPath + "?").contains(param + "=");
            TestServer.Answer answer = server.get(url.substring(server.url.length()), owner);
            assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
            page = answer.body();
        }
    }
}
