package dev.latchkey.app.resource;

import static dev.latchkey.app.support.IbmErrors.assertBadRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.app.support.AccountOwnerContract;
import dev.latchkey.app.support.Fixtures.Person;
import dev.latchkey.app.support.TestServer.Answer;
import dev.latchkey.core.access.Role;
import dev.latchkey.http.PageToken;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.Test;

/**
 * Service instances and resource keys (service credentials) over real HTTP, in IBM Resource Controller v2's shapes:
 * what IBM's integration tests assert, the credential's service ID, API key and policy seen through their own APIs,
 * the credential's access decided by {@code /v2/authz}, soft deletes, locking, paging and who may do what. Runs on
 * H2 and on PostgreSQL through the two subclasses.
 */
abstract class ResourceApiContract extends AccountOwnerContract {
    static final String UUID_SHAPE = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";
    static final String RFC3339 = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";
    static final String WRITER = "crn:v1:bluemix:public:iam::::serviceRole:Writer";

    /** A service name of this test alone, so lists and filters see only what the test made. */
    static String freshService() {
        return "svc-" + UUID.randomUUID().toString().substring(0, 8);
    }

    JsonNode instance(String token, String name, String service) {
        Answer made = server.post("/v2/resource_instances", token, "{\"name\":\"" + name + "\",\"target\":\"global\","
                + "\"resource_group\":\"default\",\"resource_plan_id\":\"plan-free\",\"resource_id\":\"" + service + "\"}");
        assertThat(made.status()).as(made.raw()).isEqualTo(201);
        return made.body();
    }

    Answer createKey(String token, String name, String source, String extraFields) {
        return server.post("/v2/resource_keys", token, "{\"name\":\"" + name + "\",\"source\":\"" + source + "\""
                + extraFields + "}");
    }

    JsonNode key(String token, String name, JsonNode instance, String extraFields) {
        Answer made = createKey(token, name, instance.get("guid").asText(), extraFields);
        assertThat(made.status()).as(made.raw()).isEqualTo(201);
        return made.body();
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static String serviceIdOf(JsonNode key) {
        String crn = key.get("credentials").get("iam_serviceid_crn").asText();
        return crn.substring(crn.lastIndexOf(':') + 1);
    }

    /** One {@code /v2/authz} question about the subject holding {@code subjectToken}; the answer's decision. */
    JsonNode decide(String subjectToken, String action, String service, String instanceGuid) {
        Answer answer = server.post("/v2/authz", owner, "[{\"subject\":{\"accessToken\":\"" + subjectToken + "\"},"
                + "\"action\":\"" + action + "\",\"resource\":{\"attributes\":{\"accountId\":\"" + accountId + "\","
                + "\"serviceName\":\"" + service + "\",\"serviceInstance\":\"" + instanceGuid + "\"}}}]");
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        return answer.body().get("responses").get(0).get("authorizationDecision");
    }

    String grantOnService(String iamId, String service, Role... roles) {
        return fixtures.grant(accountId, iamId, service, roles);
    }

    @Test
    void createInstanceAnswersIbmFieldsAndGetFindsItByGuidAndByEncodedCrn() {
        String service = freshService();
        Answer made = server.post("/v2/resource_instances", owner, "{\"name\":\"RcSdkInstance1Java\","
                + "\"target\":\"us-south\",\"resource_group\":\"rg-1\",\"resource_plan_id\":\"plan-gold\","
                + "\"parameters\":{\"service_name\":\"" + service + "\",\"hello\":\"bye\"},\"tags\":[\"t\"]}");
        assertThat(made.status()).as(made.raw()).isEqualTo(201);
        JsonNode instance = made.body();
        String guid = instance.get("guid").asText();
        String crn = "crn:v1:bluemix:public:" + service + ":global:a/" + accountId + ":" + guid + "::";
        assertThat(guid).matches(UUID_SHAPE);
        assertThat(instance.get("id").asText()).isEqualTo(crn);
        assertThat(instance.get("crn").asText()).isEqualTo(crn);
        assertThat(instance.get("url").asText()).isEqualTo("/v2/resource_instances/" + guid);
        assertThat(instance.get("resource_keys_url").asText()).isEqualTo("/v2/resource_instances/" + guid + "/resource_keys");
        assertThat(instance.get("name").asText()).isEqualTo("RcSdkInstance1Java");
        assertThat(instance.get("account_id").asText()).isEqualTo(accountId);
        assertThat(instance.get("resource_group_id").asText()).isEqualTo("rg-1");
        assertThat(instance.get("resource_plan_id").asText()).isEqualTo("plan-gold");
        assertThat(instance.get("region_id").asText()).isEqualTo("us-south");
        assertThat(instance.get("resource_id").asText()).isEqualTo(service);
        assertThat(instance.get("state").asText()).isEqualTo("active");
        assertThat(instance.get("locked").isBoolean()).isTrue();
        assertThat(instance.get("locked").asBoolean()).isFalse();
        assertThat(instance.get("onetime_credentials").isBoolean()).isTrue();
        assertThat(instance.get("last_operation").get("type").asText()).isEqualTo("create");
        assertThat(instance.get("last_operation").get("state").asText()).isEqualTo("succeeded");
        assertThat(instance.get("last_operation").get("async").isBoolean()).isTrue();
        assertThat(instance.get("last_operation").get("async").asBoolean()).isFalse();
        assertThat(instance.get("created_at").asText()).matches(RFC3339);
        assertThat(instance.get("created_by").asText()).isEqualTo(ownerIamId);
        assertThat(instance.has("deleted_at")).isTrue();
        assertThat(instance.get("deleted_at").isNull()).isTrue();

        assertThat(server.get("/v2/resource_instances/" + guid, owner).body()).isEqualTo(instance);
        assertThat(server.get("/v2/resource_instances/" + encode(crn), owner).body()).isEqualTo(instance);
        assertThat(server.get("/v2/resource_instances/" + encode(crn.replace(guid, UUID.randomUUID().toString())),
                owner).status()).isEqualTo(404);
        assertThat(server.get("/v2/resource_instances/" + UUID.randomUUID(), owner).status()).isEqualTo(404);
        assertThat(server.post("/v2/resource_instances", owner, "{\"name\":\"alias\",\"service_name\":\"" + service
                + "\"}").body().get("resource_plan_id").asText()).as("the default plan").isEqualTo("plan-free");
    }

    @Test
    void badInstanceRequestsAreRefusedWithAReason() {
        assertBadRequest(server.post("/v2/resource_instances", owner, "{\"name\":\"x\"}"), 400, "'resource_id' is required");
        assertBadRequest(server.post("/v2/resource_instances", owner, "{\"name\":\"x\",\"resource_id\":\"Books!\"}"),
                400, "must be a service name");
        assertBadRequest(server.post("/v2/resource_instances", owner, "{\"name\":\"x\",\"resource_id\":\"iam-identity\"}"),
                400, "part of the platform");
        assertBadRequest(server.post("/v2/resource_instances", owner, "{\"name\":\"x\",\"resource_id\":\"a\","
                + "\"service_name\":\"b\"}"), 400, "different services");
        assertBadRequest(server.post("/v2/resource_instances", owner, "{\"resource_id\":\"books\"}"), 400,
                "'name' is required");
        assertBadRequest(server.post("/v2/resource_instances", owner, "{\"name\":\"" + "n".repeat(181)
                + "\",\"resource_id\":\"books\"}"), 400, "at most 180");
        assertBadRequest(server.post("/v2/resource_instances", owner, "{\"name\":\"a/b\",\"resource_id\":\"books\"}"),
                400, "letters, digits, spaces");
        assertBadRequest(server.post("/v2/resource_instances", owner, "{\"name\":\"x\",\"resource_id\":\"books\","
                + "\"resource_group\":\"a:b\"}"), 400, "'resource_group'");
        assertBadRequest(server.post("/v2/resource_instances", owner, "{\"name\":1}"), 400, "'name' must be a string");
        assertBadRequest(server.get("/v2/resource_instances?limit=201", owner), 400, "'limit'");
        assertBadRequest(server.get("/v2/resource_instances?state=gone", owner), 400, "'state'");
        assertBadRequest(server.get("/v2/resource_instances?start=nonsense", owner), 400, "'start'");
    }

    @Test
    void aCredentialIsAServiceIdAKeyAndAPolicyWhoseTokenHoldsExactlyItsRoleOnItsInstance() throws Exception {
        String service = freshService();
        JsonNode instance = instance(owner, "one", service);
        JsonNode other = instance(owner, "two", service);
        String guid = instance.get("guid").asText();
        JsonNode key = key(owner, "RcSdkKey1Java", instance, ",\"parameters\":{\"parameter1\":\"x\"}");

        String keyGuid = key.get("guid").asText();
        String keyCrn = "crn:v1:bluemix:public:" + service + ":global:a/" + accountId + ":" + guid + ":resource-key:"
                + keyGuid;
        assertThat(keyGuid).matches(UUID_SHAPE);
        assertThat(key.get("id").asText()).isEqualTo(keyCrn).isEqualTo(key.get("crn").asText());
        assertThat(key.get("url").asText()).isEqualTo("/v2/resource_keys/" + keyGuid);
        assertThat(key.get("source_crn").asText()).isEqualTo(instance.get("crn").asText());
        assertThat(key.get("resource_instance_url").asText()).isEqualTo("/v2/resource_instances/" + guid);
        assertThat(key.get("state").asText()).isEqualTo("active");
        assertThat(key.get("account_id").asText()).isEqualTo(accountId);
        assertThat(key.get("resource_group_id").asText()).isEqualTo("default");
        assertThat(key.get("onetime_credentials").asBoolean(true)).isFalse();
        assertThat(key.has("role")).as("no top-level role, as at IBM").isFalse();
        JsonNode credentials = key.get("credentials");
        String apikey = credentials.get("apikey").asText();
        assertThat(apikey).matches("lk_[0-9A-Za-z]{49}");
        assertThat(credentials.get("iam_apikey_description").asText()).isEqualTo("Auto-generated for key " + keyCrn);
        assertThat(credentials.get("iam_apikey_id").asText()).matches("ApiKey-" + UUID_SHAPE);
        assertThat(credentials.get("iam_apikey_name").asText()).isEqualTo("RcSdkKey1Java");
        assertThat(credentials.get("iam_role_crn").asText()).as("IBM's default role").isEqualTo(WRITER);
        String serviceId = serviceIdOf(key);
        assertThat(credentials.get("iam_serviceid_crn").asText())
                .isEqualTo("crn:v1:bluemix:public:iam-identity::a/" + accountId + "::serviceid:" + serviceId);

        // The service ID, its API key and the policy exist, seen through their own APIs.
        JsonNode sid = server.get("/v1/serviceids/" + serviceId, owner).body();
        assertThat(sid.get("name").asText()).isEqualTo("RcSdkKey1Java");
        assertThat(sid.get("unique_instance_crns")).hasSize(1);
        assertThat(sid.get("unique_instance_crns").get(0).asText()).isEqualTo(instance.get("crn").asText());
        JsonNode apiKey = server.get("/v1/apikeys/" + credentials.get("iam_apikey_id").asText(), owner).body();
        assertThat(apiKey.get("iam_id").asText()).isEqualTo("iam-" + serviceId);
        assertThat(apiKey.get("apikey").asText()).as("stored retrievable").isEqualTo(apikey);
        assertThat(apiKey.get("resource_key_crn").asText()).isEqualTo(keyCrn);
        JsonNode policies = server.get("/v1/policies?account_id=" + accountId + "&iam_id=iam-" + serviceId, owner)
                .body().get("policies");
        assertThat(policies).hasSize(1);
        // Both are locked: the IAM Identity API does not delete them from under the credential.
        assertThat(sid.get("locked").asBoolean()).isTrue();
        assertThat(apiKey.get("locked").asBoolean()).isTrue();
        assertBadRequest(server.delete("/v1/apikeys/" + apiKey.get("id").asText(), owner), 409, "is locked");
        assertBadRequest(server.delete("/v1/serviceids/" + serviceId, owner), 409, "is locked");
        assertThat(policies.get(0).get("roles").get(0).get("role_id").asText()).isEqualTo(WRITER);
        assertThat(policies.get(0).get("resources").get(0).get("attributes").toString())
                .contains("\"accountId\"", "\"serviceName\"", "\"" + service + "\"", "\"serviceInstance\"",
                        "\"" + guid + "\"");

        // Its key gets a token for the service ID, which holds Writer on this instance and nothing more.
        String token = server.token(apikey);
        assertThat(SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("iam_id")).isEqualTo("iam-" + serviceId);
        assertThat(decide(token, service + ".data.write", service, guid).get("permitted").asBoolean()).isTrue();
        assertThat(decide(token, service + ".data.read", service, guid).get("permitted").asBoolean()).isTrue();
        assertThat(decide(token, service + ".data.write", service, other.get("guid").asText()).get("permitted")
                .asBoolean()).as("another instance of the service").isFalse();
        assertThat(decide(token, service + ".data.delete", service, guid).get("permitted").asBoolean())
                .as("a Manager action").isFalse();
        assertThat(server.get("/v2/resource_instances/" + guid, token).status())
                .as("a service role manages no instance").isEqualTo(403);
        assertThat(server.get("/v2/resource_keys/" + keyGuid, token).status()).isEqualTo(403);

        // Get answers the credentials again, by guid and by CRN; a rename keeps them.
        JsonNode read = server.get("/v2/resource_keys/" + keyGuid, owner).body();
        assertThat(read).isEqualTo(key);
        assertThat(server.get("/v2/resource_keys/" + encode(keyCrn), owner).body()).isEqualTo(key);
        Answer renamed = server.call("PATCH", "/v2/resource_keys/" + encode(keyCrn), owner, "{\"name\":\"renamed\"}",
                Map.of());
        assertThat(renamed.status()).as(renamed.raw()).isEqualTo(200);
        assertThat(renamed.body().get("name").asText()).isEqualTo("renamed");
        assertThat(renamed.body().get("credentials").get("apikey").asText()).isEqualTo(apikey);
    }

    @Test
    void credentialKeysShowInTheAllServiceIdKeysViewMarkedWithTheirResourceKey() {
        JsonNode key = key(owner, "marked", instance(owner, "marked", freshService()), "");
        JsonNode plain = server.post("/v1/serviceids/", owner, "{\"account_id\":\"" + accountId + "\","
                + "\"name\":\"plain\",\"apikey\":{\"name\":\"plain-key\"}}").body();
        List<JsonNode> keys = new ArrayList<>();
        server.get("/v1/apikeys?scope=account&type=serviceid&pagesize=100", owner).body().get("apikeys")
                .forEach(keys::add);
        JsonNode marked = keys.stream().filter(k -> k.get("id").asText()
                .equals(key.get("credentials").get("iam_apikey_id").asText())).findFirst().orElseThrow();
        assertThat(marked.get("resource_key_crn").asText()).isEqualTo(key.get("crn").asText());
        assertThat(marked.has("apikey")).as("no value in a list").isFalse();
        JsonNode unmarked = keys.stream().filter(k -> k.get("id").asText()
                .equals(plain.get("apikey").get("id").asText())).findFirst().orElseThrow();
        assertThat(unmarked.has("resource_key_crn")).isFalse();
    }

    /**
     * Key details of service ID keys the key cache does not hold yet (decision 0039): with a credential, with a
     * stored value, with neither. Nothing has looked these new keys up, so their first details are a miss, as the
     * lookup by hash among the reads shows. That lookup is the one statement of such a miss: it tells whether a value
     * is stored and which credential the key backs; a stored value is opened by a second. Asked again, from memory, a
     * key without a stored value reads nothing and one with a stored value only opens it.
     */
    @Test
    void serviceIdKeyDetailsAfterACacheMissAreRightAndReadInOneStatementBesidesAStoredValue() {
        JsonNode credential = key(owner, "detailed", instance(owner, "detailed", freshService()), "");
        String credentialValue = credential.get("credentials").get("apikey").asText();
        JsonNode storedKey = server.post("/v1/serviceids/", owner, "{\"account_id\":\"" + accountId + "\","
                + "\"name\":\"details-stored\",\"apikey\":{\"name\":\"stored\",\"store_value\":true}}").body()
                .get("apikey");
        JsonNode plainKey = server.post("/v1/serviceids/", owner, "{\"account_id\":\"" + accountId + "\","
                + "\"name\":\"details-plain\",\"apikey\":{\"name\":\"plain\"}}").body().get("apikey");
        String storedValue = storedKey.get("apikey").asText();
        String plainValue = plainKey.get("apikey").asText();
        record Case(String value, String id, String shownValue, String resourceKeyCrn, int readsOnMiss,
                    int readsFromMemory) {
        }
        List<Case> cases = List.of(
                new Case(credentialValue, credential.get("credentials").get("iam_apikey_id").asText(),
                        credentialValue, credential.get("crn").asText(), 2, 1),
                new Case(storedValue, storedKey.get("id").asText(), storedValue, null, 2, 1),
                new Case(plainValue, plainKey.get("id").asText(), null, null, 1, 0));
        for (Case c : cases) {
            List<String> miss = new ArrayList<>();
            JsonNode details = keyReads(miss, () -> server.call("GET", "/v1/apikeys/details", owner, null,
                    Map.of("IAM-ApiKey", c.value())));
            assertThat(details.get("id").asText()).as(c.id()).isEqualTo(c.id());
            assertThat(details.path("apikey").asText(null)).as("value of %s", c.id()).isEqualTo(c.shownValue());
            assertThat(details.path("resource_key_crn").asText(null)).as("credential of %s", c.id())
                    .isEqualTo(c.resourceKeyCrn());
            assertThat(miss).as("reads of %s on a miss", c.id()).hasSize(c.readsOnMiss());
            assertThat(miss.getFirst()).as("the lookup by hash").contains("value_hash IN (:h0)")
                    .contains("resource_keys");
            List<String> again = new ArrayList<>();
            assertThat(keyReads(again, () -> server.call("GET", "/v1/apikeys/details", owner, null,
                    Map.of("IAM-ApiKey", c.value())))).as("asked again").isEqualTo(details);
            assertThat(again).as("reads of %s from memory: %s", c.id(), again).hasSize(c.readsFromMemory())
                    .allSatisfy(sql -> assertThat(sql).contains("SELECT sealed_value FROM api_keys"));
        }
    }

    /**
     * The body of {@code call}'s answer (a 200), adding to {@code reads} each statement on an API key or a resource
     * key that ran meanwhile outside the server's background work.
     */
    private JsonNode keyReads(List<String> reads, Supplier<Answer> call) {
        SqlStatements config = server.wiring.database().jdbi().getConfig(SqlStatements.class);
        SqlLogger before = config.getSqlLogger();
        config.setSqlLogger(new SqlLogger() {
            @Override
            public void logBeforeExecution(StatementContext context) {
                String sql = context.getRenderedSql();
                if (!Thread.currentThread().getName().startsWith("latchkey-background")
                        && (sql.contains("api_keys") || sql.contains("resource_keys"))) {
                    synchronized (reads) {
                        reads.add(sql);
                    }
                }
            }
        });
        try {
            Answer answer = call.get();
            assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
            return answer.body();
        } finally {
            config.setSqlLogger(before);
        }
    }

    @Test
    void deletingACredentialRefusesItsKeyAtOnceAndRemovesItsServiceIdAndPolicy() {
        JsonNode key = key(owner, "short-lived", instance(owner, "i", freshService()), "");
        String apikey = key.get("credentials").get("apikey").asText();
        String serviceId = serviceIdOf(key);
        server.token(apikey);   // works, and is now cached on the hot path

        assertThat(server.delete("/v2/resource_keys/" + key.get("guid").asText(), owner).status()).isEqualTo(204);
        Answer refused = server.tokenFor(apikey);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("errorCode").asText()).isEqualTo("BXNIM0415E");
        assertThat(server.get("/v1/serviceids/" + serviceId, owner).status()).isEqualTo(404);
        assertThat(server.get("/v1/apikeys/" + key.get("credentials").get("iam_apikey_id").asText(), owner).status())
                .isEqualTo(404);
        assertThat(fixtures.policiesOf(accountId, "iam-" + serviceId)).isEmpty();

        JsonNode removed = server.get("/v2/resource_keys/" + key.get("guid").asText(), owner).body();
        assertThat(removed.get("state").asText()).isEqualTo("removed");
        assertThat(removed.get("id").asText()).isEqualTo(key.get("id").asText());
        assertThat(removed.get("deleted_at").asText()).matches(RFC3339);
        assertThat(removed.get("deleted_by").asText()).isEqualTo(ownerIamId);
        assertThat(removed.get("credentials").has("apikey")).isFalse();
        assertBadRequest(server.delete("/v2/resource_keys/" + key.get("guid").asText(), owner), 410, "already been removed");
        assertThat(server.get("/v2/resource_keys?guid=" + key.get("guid").asText(), owner).body().get("rows_count")
                .asInt()).as("lists show active keys").isZero();
    }

    @Test
    void anExistingServiceIdCanBeGivenAndOutlivesTheCredential() {
        JsonNode sid = server.post("/v1/serviceids/", owner, "{\"account_id\":\"" + accountId + "\",\"name\":\"app\"}")
                .body();
        String crn = sid.get("crn").asText();
        JsonNode instance = instance(owner, "i", freshService());
        JsonNode key = key(owner, "given", instance, ",\"role\":\"Reader\",\"parameters\":{\"serviceid_crn\":\""
                + crn + "\"}");
        assertThat(key.get("credentials").get("iam_serviceid_crn").asText()).isEqualTo(crn);
        assertThat(key.get("credentials").get("iam_role_crn").asText())
                .isEqualTo("crn:v1:bluemix:public:iam::::serviceRole:Reader");
        assertThat(fixtures.policiesOf(accountId, sid.get("iam_id").asText())).hasSize(1);

        assertThat(server.delete("/v2/resource_keys/" + key.get("guid").asText(), owner).status()).isEqualTo(204);
        assertThat(server.get("/v1/serviceids/" + sid.get("id").asText(), owner).status()).isEqualTo(200);
        assertThat(fixtures.policiesOf(accountId, sid.get("iam_id").asText())).isEmpty();
        assertThat(server.tokenFor(key.get("credentials").get("apikey").asText()).status()).isEqualTo(400);
        assertBadRequest(createKey(owner, "bad", instance.get("guid").asText(), ",\"parameters\":{\"serviceid_crn\":"
                + "\"crn:v1:bluemix:public:iam-identity::a/" + accountId + "::serviceid:ServiceId-"
                + UUID.randomUUID() + "\"}"), 400, "does not name a service ID");
    }

    @Test
    void rolesAreNamedOrGivenByCrnAndOnlyThoseOfferedOnTheServiceAreTaken() {
        JsonNode instance = instance(owner, "i", freshService());
        String guid = instance.get("guid").asText();
        assertThat(key(owner, "m", instance, ",\"role\":\"manager\"").get("credentials").get("iam_role_crn").asText())
                .isEqualTo("crn:v1:bluemix:public:iam::::serviceRole:Manager");
        assertThat(key(owner, "v", instance, ",\"role\":\"" + Role.VIEWER.crn() + "\"").get("credentials")
                .get("iam_role_crn").asText()).isEqualTo(Role.VIEWER.crn());
        assertBadRequest(createKey(owner, "c", guid, ",\"role\":\"ServiceIdCreator\""), 400, "roles offered");
        assertBadRequest(createKey(owner, "c", guid, ",\"role\":\"Superuser\""), 400, "Writer");
        assertBadRequest(createKey(owner, "c", UUID.randomUUID().toString(), ""), 400, "'source' does not name");
        assertBadRequest(server.post("/v2/resource_keys", owner, "{\"name\":\"c\"}"), 400, "'source' is required");
        assertBadRequest(createKey(owner, "", guid, ""), 400, "'name' is required");
    }

    @Test
    void deletingAnInstanceIsSoftAndNeedsRecursiveWhileItHasKeys() {
        String service = freshService();
        JsonNode instance = instance(owner, "with-keys", service);
        String guid = instance.get("guid").asText();
        JsonNode key = key(owner, "k", instance, "");

        assertBadRequest(server.delete("/v2/resource_instances/" + guid, owner), 400, "recursive=true");
        assertThat(server.delete("/v2/resource_instances/" + guid + "?recursive=true", owner).status()).isEqualTo(204);
        JsonNode removed = server.get("/v2/resource_instances/" + guid, owner).body();
        assertThat(removed.get("state").asText()).isEqualTo("removed");
        assertThat(removed.get("last_operation").get("type").asText()).isEqualTo("delete");
        assertThat(removed.get("last_operation").get("state").asText()).isEqualTo("succeeded");
        assertThat(removed.get("last_operation").get("async").asBoolean(true)).isFalse();
        assertBadRequest(server.delete("/v2/resource_instances/" + guid, owner), 410, "already been removed");
        assertThat(server.get("/v2/resource_keys/" + key.get("guid").asText(), owner).body().get("state").asText())
                .isEqualTo("removed");
        assertThat(server.tokenFor(key.get("credentials").get("apikey").asText()).status()).isEqualTo(400);
        assertThat(server.get("/v2/resource_instances?resource_id=" + service, owner).body().get("rows_count").asInt())
                .isZero();
        assertThat(server.get("/v2/resource_instances?resource_id=" + service + "&state=removed", owner).body()
                .get("resources").get(0).get("guid").asText()).isEqualTo(guid);
        assertBadRequest(createKey(owner, "late", guid, ""), 400, "removed");

        JsonNode empty = instance(owner, "no-keys", service);
        assertThat(server.delete("/v2/resource_instances/" + empty.get("guid").asText(), owner).status())
                .isEqualTo(204);
    }

    @Test
    void aLockedInstanceRefusesUpdateAndDeleteWith422() {
        String guid = instance(owner, "lockable", freshService()).get("guid").asText();
        Answer locked = server.post("/v2/resource_instances/" + guid + "/lock", owner, null);
        assertThat(locked.status()).isEqualTo(200);
        assertThat(locked.body().get("locked").asBoolean()).isTrue();
        assertThat(locked.body().get("last_operation").get("type").asText()).isEqualTo("lock");
        assertBadRequest(server.call("PATCH", "/v2/resource_instances/" + guid, owner, "{\"name\":\"x\"}", Map.of()),
                422, "is locked");
        assertBadRequest(server.delete("/v2/resource_instances/" + guid, owner), 422, "is locked");
        assertBadRequest(server.post("/v2/resource_instances/" + guid + "/lock", owner, null), 409, "already locked");
        Answer unlocked = server.delete("/v2/resource_instances/" + guid + "/lock", owner);
        assertThat(unlocked.body().get("locked").asBoolean()).isFalse();
        assertThat(unlocked.body().get("last_operation").get("type").asText()).isEqualTo("unlock");
        Answer updated = server.call("PATCH", "/v2/resource_instances/" + guid, owner,
                "{\"name\":\"RcSdkInstanceUpdate1Java\",\"parameters\":{\"hello\":\"bye\"}}", Map.of());
        assertThat(updated.status()).as(updated.raw()).isEqualTo(200);
        assertThat(updated.body().get("name").asText()).isEqualTo("RcSdkInstanceUpdate1Java");
        assertThat(updated.body().get("last_operation").get("type").asText()).isEqualTo("update");
        assertBadRequest(server.call("PATCH", "/v2/resource_instances/" + guid, owner, "{\"resource_plan_id\":\"p\"}",
                Map.of()), 400, "'resource_plan_id'");
    }

    @Test
    void listsCountTheirRowsPageWithARelativeNextUrlAndFilterExactly() {
        String service = freshService();
        List<String> made = new ArrayList<>();
        for (String name : List.of("alpha", "beta", "gamma")) {
            made.add(instance(owner, name, service).get("guid").asText());
        }
        JsonNode first = server.get("/v2/resource_instances?resource_id=" + service + "&limit=2", owner).body();
        assertThat(first.get("rows_count").asInt()).isEqualTo(2);
        assertThat(first.get("resources")).hasSize(2);
        String next = first.get("next_url").asText();
        assertThat(next).startsWith("/v2/resource_instances?").contains("resource_id=" + service, "limit=2", "start=");
        JsonNode last = server.get(next, owner).body();
        assertThat(last.get("rows_count").asInt()).isEqualTo(1);
        assertThat(last.has("next_url")).isTrue();
        assertThat(last.get("next_url").isNull()).isTrue();
        List<String> seen = new ArrayList<>();
        first.get("resources").forEach(i -> seen.add(i.get("guid").asText()));
        last.get("resources").forEach(i -> seen.add(i.get("guid").asText()));
        assertThat(seen).containsExactlyElementsOf(made);

        JsonNode byName = server.get("/v2/resource_instances?resource_id=" + service + "&name=beta", owner).body();
        assertThat(byName.get("rows_count").asInt()).isEqualTo(1);
        assertThat(server.get("/v2/resource_instances?guid=" + made.get(2), owner).body().get("resources").get(0)
                .get("name").asText()).isEqualTo("gamma");

        JsonNode instance = server.get("/v2/resource_instances/" + made.get(0), owner).body();
        key(owner, "k1", instance, "");
        key(owner, "k2", instance, "");
        JsonNode keys = server.get("/v2/resource_instances/" + made.get(0) + "/resource_keys?limit=1", owner).body();
        assertThat(keys.get("rows_count").asInt()).isEqualTo(1);
        assertThat(keys.get("next_url").asText()).startsWith("/v2/resource_instances/" + made.get(0) + "/resource_keys?");
        assertThat(keys.get("resources").get(0).get("credentials").has("apikey")).as("no values in lists").isFalse();
        assertThat(keys.get("resources").get(0).get("credentials").get("iam_apikey_id").asText()).startsWith("ApiKey-");
        JsonNode byKeyName = server.get("/v2/resource_keys?name=k2&resource_id=" + service, owner).body();
        assertThat(byKeyName.get("rows_count").asInt()).isEqualTo(1);
        assertThat(server.get("/v2/resource_keys?resource_id=" + service, owner).body().get("rows_count").asInt())
                .isEqualTo(2);
    }

    /** Every {@code guid} of a listing, following its {@code next_url}s from {@code path} (at most 20 pages). */
    List<String> walk(String path, String token) {
        List<String> seen = new ArrayList<>();
        String next = path;
        for (int pages = 0; next != null && pages < 20; pages++) {
            Answer page = server.get(next, token);
            assertThat(page.status()).as(page.raw()).isEqualTo(200);
            page.body().get("resources").forEach(row -> seen.add(row.get("guid").asText()));
            next = page.body().get("next_url").isNull() ? null : page.body().get("next_url").asText();
        }
        assertThat(next).as("the walk ends").isNull();
        return seen;
    }

    /**
     * {@code next_url} continues after the page's last row (keyset paging, decision 0038): an instance removed while
     * a client pages moves no other one from the next page to the one it already read, as an offset would; a
     * member who may see some instances of the account pages through exactly those; a {@code start} of the older
     * offset form is still read, and a token this listing did not issue is a 400.
     */
    @Test
    void nextUrlContinuesAfterTheLastRowSoARemovalWhilePagingSkipsNothing() {
        String service = freshService();
        String hidden = freshService();
        List<JsonNode> instances = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            instances.add(instance(owner, "paged" + i, service));
            instance(owner, "hidden" + i, hidden);
        }
        // The listings' order: by creation (to the millisecond), then by guid.
        List<String> made = instances.stream().sorted(Comparator.comparing((JsonNode i) -> i.get("created_at").asText())
                .thenComparing(i -> i.get("guid").asText())).map(i -> i.get("guid").asText()).toList();
        JsonNode first = server.get("/v2/resource_instances?resource_id=" + service + "&limit=2", owner).body();
        assertThat(first.get("resources")).extracting(i -> i.get("guid").asText())
                .containsExactlyElementsOf(made.subList(0, 2));
        assertThat(server.delete("/v2/resource_instances/" + made.get(0), owner).status()).isEqualTo(204);
        JsonNode second = server.get(first.get("next_url").asText(), owner).body();
        assertThat(second.get("resources")).extracting(i -> i.get("guid").asText())
                .as("the page after the second instance, although the first is gone")
                .containsExactlyElementsOf(made.subList(2, 4));

        Person viewer = fixtures.member(accountId);
        grantOnService(viewer.iamId(), service, Role.VIEWER);
        String viewerToken = server.token(viewer.apikey());
        assertThat(walk("/v2/resource_instances?limit=1", viewerToken)).as("a viewer of one service, by pages of 1")
                .containsExactlyElementsOf(made.subList(1, 5));
        assertThat(walk("/v2/resource_instances?resource_id=" + service + "&limit=3", owner))
                .containsExactlyElementsOf(made.subList(1, 5));

        String offsetForm = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("o:2".getBytes(StandardCharsets.UTF_8));
        assertThat(server.get("/v2/resource_instances?resource_id=" + service + "&limit=2&start=" + offsetForm, owner)
                .body().get("resources")).extracting(i -> i.get("guid").asText())
                .as("an offset token of an earlier version").containsExactlyElementsOf(made.subList(3, 5));
        String otherOrder = PageToken.of(2, new PageToken.Position("name", false, false, "paged1", made.get(1)));
        assertBadRequest(server.get("/v2/resource_instances?start=" + otherOrder, owner), 400, "'start'");
        String backwards = PageToken.of(2, new PageToken.Position("created_at", false, true,
                "2026-01-01T00:00:00Z", made.get(1)));
        assertBadRequest(server.get("/v2/resource_keys?start=" + backwards, owner), 400, "'start'");
        String notATime = PageToken.of(2, new PageToken.Position("created_at", false, false, "yesterday",
                made.get(1)));
        assertBadRequest(server.get("/v2/resource_instances?start=" + notATime, owner), 400, "'start'");
    }

    @Test
    void aPlainMemberSeesNothingAndMayDoNothingWhileTheOwnerMayDoAll() {
        String service = freshService();
        JsonNode instance = instance(owner, "owned", service);
        String guid = instance.get("guid").asText();
        JsonNode key = key(owner, "k", instance, "");
        String member = server.token(fixtures.member(accountId).apikey());

        assertBadRequest(server.post("/v2/resource_instances", member, "{\"name\":\"x\",\"resource_id\":\"" + service
                + "\"}"), 403, "resource-controller.instance.create");
        assertBadRequest(server.get("/v2/resource_instances/" + guid, member), 403, "resource-controller.instance.retrieve");
        assertThat(server.get("/v2/resource_instances?resource_id=" + service, member).body().get("rows_count").asInt())
                .isZero();
        assertThat(server.get("/v2/resource_keys?resource_id=" + service, member).body().get("rows_count").asInt())
                .isZero();
        assertBadRequest(createKey(member, "x", guid, ""), 403, "resource-controller.key.create");
        assertBadRequest(server.get("/v2/resource_keys/" + key.get("guid").asText(), member), 403, "");
        assertBadRequest(server.delete("/v2/resource_keys/" + key.get("guid").asText(), member), 403, "");
        assertBadRequest(server.delete("/v2/resource_instances/" + guid, member), 403, "");
        assertThat(server.get("/v2/resource_instances/" + guid, owner).body().get("state").asText()).isEqualTo("active");

        Person other = fixtures.accountWithOwner();
        String otherOwner = server.token(other.apikey());
        assertBadRequest(server.get("/v2/resource_instances/" + guid, otherOwner), 403, "");
        assertBadRequest(createKey(otherOwner, "x", guid, ""), 403, "");
        assertThat(server.get("/v2/resource_instances?resource_id=" + service, otherOwner).body().get("rows_count")
                .asInt()).isZero();
    }

    @Test
    void viewersSeeInstancesAndRedactedCredentialsEditorsCreateButHandOutOnlyWhatTheyHold() {
        String service = freshService();
        JsonNode instance = instance(owner, "shared", service);
        String guid = instance.get("guid").asText();
        JsonNode key = key(owner, "k", instance, "");

        Person viewer = fixtures.member(accountId);
        grantOnService(viewer.iamId(), service, Role.VIEWER);
        String viewerToken = server.token(viewer.apikey());
        assertThat(server.get("/v2/resource_instances/" + guid, viewerToken).status()).isEqualTo(200);
        assertThat(server.get("/v2/resource_instances?resource_id=" + service, viewerToken).body().get("rows_count")
                .asInt()).isEqualTo(1);
        JsonNode redacted = server.get("/v2/resource_keys/" + key.get("guid").asText(), viewerToken).body();
        assertThat(redacted.get("credentials").toString()).isEqualTo("{\"REDACTED\":\"REDACTED\"}");
        assertBadRequest(server.post("/v2/resource_instances", viewerToken, "{\"name\":\"x\",\"resource_id\":\""
                + service + "\"}"), 403, "");
        assertBadRequest(createKey(viewerToken, "x", guid, ",\"role\":\"Viewer\""), 403, "resource-controller.key.create");

        Person editor = fixtures.member(accountId);
        grantOnService(editor.iamId(), service, Role.EDITOR);
        String editorToken = server.token(editor.apikey());
        JsonNode mine = instance(editorToken, "editors", service);
        assertThat(server.get("/v2/resource_keys/" + key.get("guid").asText(), editorToken).body().get("credentials")
                .get("apikey").asText()).isEqualTo(key.get("credentials").get("apikey").asText());
        assertBadRequest(createKey(editorToken, "w", mine.get("guid").asText(), ""), 403, service + ".*.write");
        assertThat(key(editorToken, "e", mine, ",\"role\":\"Editor\"").get("credentials").get("iam_role_crn").asText())
                .isEqualTo(Role.EDITOR.crn());

        grantOnService(editor.iamId(), service, Role.WRITER);
        assertThat(key(editorToken, "w", mine, "").get("credentials").get("iam_role_crn").asText()).isEqualTo(WRITER);
        assertBadRequest(createKey(editorToken, "m", mine.get("guid").asText(), ",\"role\":\"Manager\""), 403,
                "Manager");
        assertThat(server.delete("/v2/resource_instances/" + mine.get("guid").asText() + "?recursive=true",
                editorToken).status()).isEqualTo(204);
    }
}
