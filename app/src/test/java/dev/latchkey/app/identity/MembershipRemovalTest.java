package dev.latchkey.app.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.app.support.AccountOwnerContract;
import dev.latchkey.app.support.Fixtures.Person;
import dev.latchkey.app.support.TestServer;
import dev.latchkey.app.support.TestServer.Answer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Removing someone from an account applies from their next request, whatever their access token says: every route
 * refuses the token (401), and nothing made with it outlives the membership. Deleting a service ID does the same to
 * its tokens. (On a second node: {@code MultiNodeTest}.)
 */
class MembershipRemovalTest extends AccountOwnerContract {
    @Override
    public TestServer start() {
        return TestServer.h2();
    }

    @Test
    void aRemovedMembersTokenIsRefusedEverywhereAtOnceAndTheirClassicKeyGoesWithThem() {
        Person member = fixtures.invitedBy(accountId, ownerIamId);
        String token = server.token(member.apikey());
        assertThat(server.get("/v1/apikeys", token).status()).isEqualTo(200);
        Answer classic = server.post("/v1/classic_keys", token, null);
        assertThat(classic.status()).as(classic.raw()).isEqualTo(201);
        String classicUser = fixtures.email(member.iamId());
        String classicValue = classic.body().get("apikey").asText();
        assertThat(server.classicAuthenticate(classicUser, classicValue).status()).isEqualTo(200);

        assertThat(server.delete("/v2/accounts/" + accountId + "/users/" + member.iamId(), owner).status()).isEqualTo(204);

        Answer refused = server.get("/v1/apikeys", token);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.errorMessage()).contains("not a member of account " + accountId + " any more");
        assertThat(server.post("/v1/classic_keys", token, null).status()).as("no dormant key made after removal")
                .isEqualTo(401);
        assertThat(server.get("/v1/classic_keys", token).status()).isEqualTo(401);
        assertThat(server.post("/v2/authz", token, "[{\"subject\":{\"attributes\":{\"id\":\"" + member.iamId()
                + "\"}},\"action\":\"iam-identity.apikey.get\",\"resource\":{\"attributes\":{\"accountId\":\""
                + accountId + "\",\"serviceName\":\"iam-identity\"}}}]").status()).isEqualTo(401);
        assertThat(server.call("GET", "/v1/apikeys/details", token, null, Map.of("IAM-ApiKey", member.apikey()))
                .status()).as("the direct route too").isEqualTo(401);
        assertThat(server.classicAuthenticate(classicUser, classicValue).status()).isEqualTo(401);

        fixtures.join(accountId, member.iamId()); // invited back later
        assertThat(server.classicAuthenticate(classicUser, classicValue).status())
                .as("the classic key was deleted with the membership, not left dormant").isEqualTo(401);
        assertThat(server.get("/v1/apikeys", token).status()).as("the same token works again for a member")
                .isEqualTo(200);
    }

    @Test
    void aDeletedServiceIdsTokenIsRefusedAtOnce() {
        JsonNode created = server.post("/v1/serviceids/", owner, "{\"name\":\"short-lived\",\"apikey\":{\"name\":\"k\"}}")
                .body();
        String token = server.token(created.get("apikey").get("apikey").asText());
        assertThat(server.get("/v1/serviceids", token).status()).isNotEqualTo(401);
        assertThat(server.delete("/v1/serviceids/" + created.get("id").asText(), owner).status()).isEqualTo(204);
        assertThat(server.get("/v1/serviceids", token).status()).isEqualTo(401);
    }
}
