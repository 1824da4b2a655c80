package dev.latchkey.app.support;

import static dev.latchkey.app.support.IbmErrors.assertBadRequest;

import com.fasterxml.jackson.databind.JsonNode;
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
}
