package dev.latchkey.app.access;

import static dev.latchkey.app.support.IbmErrors.assertBadRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.app.support.Fixtures;
import dev.latchkey.app.support.Fixtures.Person;
import dev.latchkey.app.support.TestServer;
import dev.latchkey.app.support.TestServer.Answer;
import dev.latchkey.core.access.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The decision endpoint {@code POST /v2/authz}: IBM's request and response shapes, answered by the decider. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthzApiTest {
    TestServer server;
    Fixtures fixtures;
    String owner;
    String ownerIamId;
    String accountId;
    Person reader;
    String readerPolicy;
    String caller;

    @BeforeAll
    void start() {
        server = TestServer.h2();
        fixtures = new Fixtures(server);
        owner = server.token(server.adminKey);
        JsonNode mine = server.get("/v1/apikeys", owner).body().get("apikeys").get(0);
        accountId = mine.get("account_id").asText();
        ownerIamId = mine.get("iam_id").asText();
        reader = fixtures.member(accountId);
        Answer granted = server.post("/v1/policies", owner, "{\"type\":\"access\",\"subjects\":[{\"attributes\":[{"
                + "\"name\":\"iam_id\",\"value\":\"" + reader.iamId() + "\"}]}],\"roles\":[{\"role_id\":\""
                + Role.VIEWER.crn() + "\"}],\"resources\":[{\"attributes\":[{\"name\":\"accountId\",\"value\":\""
                + accountId + "\"},{\"name\":\"serviceName\",\"value\":\"iam-identity\"}]}]}");
        assertThat(granted.status()).as(granted.raw()).isEqualTo(201);
        readerPolicy = granted.body().get("id").asText();
        // The resource server asking about others: a member holding Administrator on IAM Access Management.
        Person asker = fixtures.member(accountId);
        fixtures.grant(accountId, asker.iamId(), "iam-access-management", Role.ADMINISTRATOR);
        caller = server.token(asker.apikey());
    }

    @AfterAll
    void stop() {
        server.close();
    }

    static String item(String subject, String action, String resource) {
        return "{\"subject\":" + subject + ",\"action\":\"" + action + "\",\"resource\":" + resource + "}";
    }

    static String idSubject(String iamId) {
        return "{\"attributes\":{\"id\":\"" + iamId + "\",\"scope\":\"ibm openid\"}}";
    }

    static String tokenSubject(String token) {
        return "{\"accessToken\":\"" + token + "\"}";
    }

    String identityResource() {
        return "{\"attributes\":{\"serviceName\":\"iam-identity\",\"accountId\":\"" + accountId + "\"}}";
    }

    JsonNode decide(String... items) {
        Answer answer = server.post("/v2/authz", caller, "[" + String.join(",", items) + "]");
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        return answer.body().get("responses");
    }

    static List<String> actions(JsonNode response) {
        List<String> actions = new ArrayList<>();
        response.get("authorizationDecision").get("obligation").get("actions").forEach(a -> actions.add(a.asText()));
        return actions;
    }

    @Test
    void aTokenSubjectIsPermittedByItsPolicyWhichTheAnswerNames() {
        JsonNode responses = decide(item(tokenSubject(server.token(reader.apikey())), "iam-identity.serviceid.get",
                identityResource()));
        JsonNode decision = responses.get(0).get("authorizationDecision");
        assertThat(decision.get("permitted").asBoolean()).isTrue();
        assertThat(decision.get("policy_id").asText()).isEqualTo(readerPolicy);
        assertThat(decision.get("reason").asText()).contains("Viewer");
        assertThat(actions(responses.get(0))).containsExactly("iam-identity.serviceid.get", "iam-identity.serviceid.list",
                "iam-identity.serviceidgroup.get", "iam-identity.serviceidgroup.list");
        assertThat(responses.get(0).has("requestId")).isFalse();
    }

    @Test
    void anAttributeSubjectIsDeniedWhatNoPolicyGrantsWithTheActionsItDoesHold() {
        JsonNode response = decide(item(idSubject(reader.iamId()), "iam-identity.apikey.manage", identityResource()))
                .get(0);
        JsonNode decision = response.get("authorizationDecision");
        assertThat(decision.get("permitted").asBoolean()).isFalse();
        assertThat(decision.has("policy_id")).isFalse();
        assertThat(decision.get("reason").asText()).contains("no policy grants iam-identity.apikey.manage");
        assertThat(actions(response)).containsExactly("iam-identity.serviceid.get", "iam-identity.serviceid.list",
                "iam-identity.serviceidgroup.get", "iam-identity.serviceidgroup.list");
    }

    @Test
    void crnAndAttributeResourcesAreAnsweredInRequestOrderWithTheirRequestIds() {
        String serviceCrn = "{\"crn\":\"crn:v1:bluemix:public:iam-identity::a/" + accountId + ":::\"}";
        String keyCrn = "{\"crn\":\"crn:v1:bluemix:public:iam-identity:global:a/" + accountId
                + "::apikey:ApiKey-1\"}";
        JsonNode responses = decide(
                item(idSubject(reader.iamId()), "iam-identity.serviceid.list", serviceCrn)
                        .replace("{\"subject\"", "{\"requestId\":\"r1\",\"subject\""),
                item(idSubject(reader.iamId()), "iam-identity.apikey.delete", keyCrn)
                        .replace("{\"subject\"", "{\"requestId\":\"r2\",\"environment\":{},\"subject\""),
                item(idSubject(ownerIamId), "iam-identity.apikey.delete", keyCrn)
                        .replace("{\"subject\"", "{\"requestId\":\"r3\",\"subject\""));
        assertThat(responses.findValuesAsText("requestId")).containsExactly("r1", "r2", "r3");
        assertThat(responses.get(0).get("authorizationDecision").get("permitted").asBoolean()).isTrue();
        assertThat(responses.get(1).get("authorizationDecision").get("permitted").asBoolean()).isFalse();
        JsonNode owned = responses.get(2).get("authorizationDecision");
        assertThat(owned.get("permitted").asBoolean()).isTrue();
        assertThat(owned.get("reason").asText()).isEqualTo("account owner");
        assertThat(actions(responses.get(2))).contains("iam-identity.apikey.delete", "iam.policy.create");
    }

    @Test
    void theReadmeExampleAnswersAsDocumented() {
        Person user = fixtures.member(accountId);
        Answer granted = server.post("/v1/policies", owner, "{\"type\":\"access\",\"subjects\":[{\"attributes\":[{"
                + "\"name\":\"iam_id\",\"value\":\"" + user.iamId() + "\"}]}],\"roles\":[{\"role_id\":\""
                + "crn:v1:bluemix:public:iam::::serviceRole:Reader\"}],\"resources\":[{\"attributes\":[{\"name\":"
                + "\"accountId\",\"value\":\"" + accountId + "\"},{\"name\":\"serviceName\",\"value\":\"books\"}]}]}");
        String policy = granted.body().get("id").asText();
        JsonNode responses = decide(
                item(tokenSubject(server.token(user.apikey())), "books.shelf.read",
                        "{\"crn\":\"crn:v1:bluemix:public:books::a/" + accountId + "::shelf:fiction\"}"),
                item(idSubject(user.iamId()), "books.shelf.write", "{\"attributes\":{\"accountId\":\"" + accountId
                        + "\",\"serviceName\":\"books\",\"resourceType\":\"shelf\"}}"));
        JsonNode read = responses.get(0).get("authorizationDecision");
        assertThat(read.get("permitted").asBoolean()).isTrue();
        assertThat(read.get("reason").asText()).isEqualTo("Reader on books (policy " + policy + ")");
        assertThat(read.get("policy_id").asText()).isEqualTo(policy);
        assertThat(actions(responses.get(0))).containsExactly("books.*.get", "books.*.list", "books.*.read");
        JsonNode write = responses.get(1).get("authorizationDecision");
        assertThat(write.get("permitted").asBoolean()).isFalse();
        assertThat(write.get("reason").asText()).isEqualTo("no policy grants books.shelf.write");
        assertThat(actions(responses.get(1))).containsExactly("books.*.get", "books.*.list", "books.*.read");
    }

    @Test
    void resourcesOfAnotherAccountAreDeniedWithAReason() {
        Person stranger = fixtures.accountWithOwner();
        String foreign = "{\"attributes\":{\"serviceName\":\"iam-identity\",\"accountId\":\"" + stranger.accountId()
                + "\"}}";
        JsonNode decision = decide(item(idSubject(stranger.iamId()), "iam-identity.apikey.get", foreign)).get(0)
                .get("authorizationDecision");
        assertThat(decision.get("permitted").asBoolean()).as("even for that account's owner").isFalse();
        assertThat(decision.get("reason").asText()).contains("may ask only about resources in that account");
        assertThat(decision.get("obligation").get("actions")).isEmpty();
        JsonNode elsewhere = decide(item(tokenSubject(server.token(stranger.apikey())), "iam-identity.apikey.get",
                identityResource())).get(0).get("authorizationDecision");
        assertThat(elsewhere.get("permitted").asBoolean()).as("a token of another account").isFalse();
        assertThat(elsewhere.get("reason").asText()).contains("not for account " + accountId);
    }

    @Test
    void anInvalidSubjectTokenIsADenyAndABareCallerTokenIsAccepted() {
        Answer answer = server.call("POST", "/v2/authz", null, "[" + item(tokenSubject("e30.e30.sig"),
                "iam-identity.serviceid.get", identityResource()) + "]",
                Map.of("Authorization", caller, "Accept", "application/vnd.authz.v2+json"));
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        JsonNode decision = answer.body().get("responses").get(0).get("authorizationDecision");
        assertThat(decision.get("permitted").asBoolean()).isFalse();
        assertThat(decision.get("reason").asText()).contains("the subject's access token is not valid");
    }

    @Test
    void badRequestsNameTheItemAndNeedAToken() {
        String good = item(idSubject(reader.iamId()), "iam-identity.serviceid.get", identityResource());
        assertBadRequest(server.post("/v2/authz", caller, "[" + good + "," + good.replace("\"action\":\"iam-identity"
                + ".serviceid.get\",", "") + "]"), 400, "'[1].action' is required");
        assertBadRequest(server.post("/v2/authz", caller, "[" + good.replace("\"scope\"", "\"x\":1,\"scope\"")
                .replace("\"id\":", "\"ignored\":") + "]"), 400, "'[0].subject.attributes.id' is required");
        assertBadRequest(server.post("/v2/authz", caller, "[" + item("{\"accessTokenBody\":\"e30\"}", "a.b.c",
                identityResource()) + "]"), 400, "'[0].subject.accessTokenBody' is not supported");
        assertBadRequest(server.post("/v2/authz", caller, "[" + item(idSubject(reader.iamId()), "a.b.c",
                "{\"crn\":\"crn:v1:bluemix:public:iam-identity::o/x:::\"}") + "]"), 400, "'[0].resource.crn'");
        assertBadRequest(server.post("/v2/authz", caller, "[" + item(idSubject(reader.iamId()), "a.b.c",
                "{\"attributes\":{\"serviceName\":\"iam-identity\"}}") + "]"), 400,
                "'[0].resource.attributes.accountId' is required");
        assertBadRequest(server.post("/v2/authz", caller, "[" + item(idSubject(reader.iamId()), "a.b.c",
                "{\"attributes\":{\"serviceName\":\"x\",\"accountId\":7}}") + "]"), 400, "must be a string");
        assertBadRequest(server.post("/v2/authz", caller, "[]"), 400, "1 to 100");
        assertBadRequest(server.post("/v2/authz", caller, "[" + String.join(",", java.util.Collections.nCopies(101,
                good)) + "]"), 400, "not 101");
        assertBadRequest(server.post("/v2/authz", caller, good), 400, "must be a JSON array");
        assertBadRequest(server.post("/v2/authz", caller, "[1]"), 400, "Item [0]");
        assertThat(server.post("/v2/authz", null, "[" + good + "]").status()).isEqualTo(401);
        assertThat(decide(java.util.Collections.nCopies(100, good).toArray(String[]::new))).hasSize(100);
    }

    @Test
    void askingAboutAnotherSubjectNeedsAPermissionAndAboutOneselfNone() {
        Person plain = fixtures.member(accountId);
        String plainToken = server.token(plain.apikey());
        String aboutReader = "[" + item(idSubject(reader.iamId()), "iam-identity.serviceid.get", identityResource()) + "]";
        Answer refused = server.post("/v2/authz", plainToken, aboutReader);
        assertBadRequest(refused, 403, "asks about " + reader.iamId() + ", another subject than the caller");
        assertThat(refused.raw()).doesNotContain("permitted");
        Answer byToken = server.post("/v2/authz", plainToken, "[" + item(tokenSubject(server.token(reader.apikey())),
                "iam-identity.serviceid.get", identityResource()) + "]");
        assertThat(byToken.status()).as("a subject's token does not open the door either").isEqualTo(403);

        Answer aboutItself = server.post("/v2/authz", plainToken, "[" + item(idSubject(plain.iamId()),
                "iam-identity.serviceid.get", identityResource()) + "," + item(tokenSubject(plainToken),
                "iam-identity.serviceid.get", identityResource()) + "]");
        assertThat(aboutItself.status()).as(aboutItself.raw()).isEqualTo(200);
        assertThat(aboutItself.body().get("responses").get(0).get("authorizationDecision").get("permitted").asBoolean())
                .isFalse();

        assertThat(server.post("/v2/authz", owner, aboutReader).status()).as("the account owner").isEqualTo(200);

        // A resource server's service ID with Manager on its own service may ask about that service only.
        Person resourceServer = fixtures.member(accountId);
        fixtures.grant(accountId, resourceServer.iamId(), "kms", Role.MANAGER);
        String rs = server.token(resourceServer.apikey());
        String kms = "{\"attributes\":{\"serviceName\":\"kms\",\"accountId\":\"" + accountId + "\"}}";
        assertThat(server.post("/v2/authz", rs, "[" + item(idSubject(reader.iamId()), "kms.secrets.read", kms) + "]")
                .status()).isEqualTo(200);
        assertThat(server.post("/v2/authz", rs, aboutReader).status()).isEqualTo(403);
        Person kmsReader = fixtures.member(accountId);
        fixtures.grant(accountId, kmsReader.iamId(), "kms", Role.READER, Role.WRITER);
        assertThat(server.post("/v2/authz", server.token(kmsReader.apikey()), "[" + item(idSubject(reader.iamId()),
                "kms.secrets.read", kms) + "]").status()).as("Reader and Writer do not let one ask about others")
                .isEqualTo(403);
    }
}
