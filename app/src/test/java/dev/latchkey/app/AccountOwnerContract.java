package dev.latchkey.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The shared set-up of an HTTP contract suite that acts as the first-start account owner: one server per class
 * (H2 or PostgreSQL, chosen by the subclass), the owner's token, IAM id and account.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AccountOwnerContract {
    TestServer server;
    Fixtures fixtures;
    String owner;
    String ownerIamId;
    String accountId;

    abstract TestServer start();

    @BeforeAll
    void startServer() {
        server = start();
        fixtures = new Fixtures(server);
        owner = server.token(server.adminKey);
        JsonNode first = server.get("/v1/apikeys", owner).body().get("apikeys").get(0);
        ownerIamId = first.get("iam_id").asText();
        accountId = first.get("account_id").asText();
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    /** IBM's paging parameters, as every list route takes them, refused with a 400 naming the parameter. */
    void assertPagingRefused(String listPath) {
        ApiKeyApiContract.assertBadRequest(server.get(listPath + "?pagesize=0", owner), 400, "'pagesize'");
        ApiKeyApiContract.assertBadRequest(server.get(listPath + "?pagesize=101", owner), 400, "'pagesize'");
        ApiKeyApiContract.assertBadRequest(server.get(listPath + "?pagetoken=garbage!", owner), 400, "'pagetoken'");
        ApiKeyApiContract.assertBadRequest(server.get(listPath + "?order=sideways", owner), 400, "'order'");
    }
}
