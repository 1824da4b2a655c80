package dev.latchkey.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.app.support.Fixtures.Person;
import dev.latchkey.app.support.TestServer.Answer;
import dev.latchkey.core.access.Role;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A server with one of everything a backup or a new master key must carry over, made through the API: a user API
 * key, a service ID with a stored key value ({@code store_value}) and a plain key, a policy, a member invited with a
 * password and a member with a key, account settings, a webhook endpoint (its secret sealed) and a classic key (its
 * value sealed); with every secret value, to check that each still works and that none is written anywhere.
 */
public record Population(String accountId, String ownerIamId, String adminKey, String userKey, String serviceIdIamId,
                         String storedKeyId, String storedKey, String plainKey, String memberEmail,
                         String memberPassword, String memberKeyId, String memberKey, String classicKeyId,
                         String classicKey, String webhookSecret) {
    static final String OWNER_EMAIL = "admin@latchkey.local";

    /** Fills {@code server}; webhooks go to {@code receiver}, which learns the endpoint's secret. */
    public static Population of(TestServer server, WebhookReceiver receiver) {
        String adminKey = server.adminKey;
        String token = server.token(adminKey);
        JsonNode mine = server.get("/v1/apikeys", token).body().get("apikeys").get(0);
        String accountId = mine.get("account_id").asText();
        String ownerIamId = mine.get("iam_id").asText();
        String userKey = created(server.post("/v1/apikeys", token, "{\"name\":\"laptop\",\"iam_id\":\"" + ownerIamId
                + "\",\"description\":\"Ünïcode and \\\"quotes\\\"\"}")).get("apikey").asText();
        JsonNode serviceId = created(server.post("/v1/serviceids/", token, "{\"account_id\":\"" + accountId
                + "\",\"name\":\"deployer\"}"));
        String sidIamId = serviceId.get("iam_id").asText();
        JsonNode stored = created(server.post("/v1/apikeys", token, "{\"name\":\"stored\",\"iam_id\":\"" + sidIamId
                + "\",\"store_value\":true}"));
        String plainKey = created(server.post("/v1/apikeys", token, "{\"name\":\"plain\",\"iam_id\":\"" + sidIamId
                + "\"}")).get("apikey").asText();
        created(server.post("/v1/policies", token, "{\"type\":\"access\",\"subjects\":[{\"attributes\":[{\"name\":"
                + "\"iam_id\",\"value\":\"" + sidIamId + "\"}]}],\"roles\":[{\"role_id\":\"" + Role.VIEWER.crn()
                + "\"}],\"resources\":[{\"attributes\":[{\"name\":\"accountId\",\"value\":\"" + accountId + "\"},"
                + "{\"name\":\"serviceName\",\"value\":\"iam-identity\"}]}],\"description\":\"deploys read\"}"));
        String memberEmail = "member@example.com";
        String memberPassword = "correct-horse-battery-staple-17";
        server.inviteWithPassword(token, accountId, memberEmail, memberPassword);
        Person member = new Fixtures(server).member(accountId);
        String memberKeyId = server.call("GET", "/v1/apikeys/details", token, null,
                Map.of("IAM-ApiKey", member.apikey())).body().get("id").asText();
        Answer settings = server.call("PUT", "/v1/accounts/" + accountId + "/settings/identity", token,
                "{\"restrict_create_service_id\":\"RESTRICTED\",\"allowed_ip_addresses\":\"127.0.0.1, ::1\"}",
                Map.of("If-Match", "*"));
        assertThat(settings.status()).as(settings.raw()).isEqualTo(200);
        JsonNode endpoint = created(server.post("/v1/accounts/" + accountId + "/notification_endpoints", token,
                "{\"url\":\"" + receiver.url() + "\",\"description\":\"security team\"}"));
        receiver.secret(endpoint.get("secret").asText());
        JsonNode classic = created(server.post("/v1/classic_keys", token, null));
        return new Population(accountId, ownerIamId, adminKey, userKey, sidIamId, stored.get("id").asText(),
                stored.get("apikey").asText(), plainKey, memberEmail, memberPassword, memberKeyId, member.apikey(),
                classic.get("id").asText(),
                classic.get("apikey").asText(), endpoint.get("secret").asText());
    }

    private static JsonNode created(Answer answer) {
        assertThat(answer.status()).as(answer.raw()).isBetween(200, 201);
        return answer.body();
    }

    /** Every secret value made, which no file or output may hold. */
    public List<String> secrets() {
        return List.of(adminKey, userKey, storedKey, plainKey, memberPassword, memberKey, classicKey,
                webhookSecret);
    }

    /**
     * On {@code server} (the same database, moved or re-sealed): every key gets a token that the server accepts, the
     * stored value and the classic key read back, the member signs in with the password, and a webhook is delivered
     * to {@code receiver} signed with the endpoint's secret.
     */
    public void assertEverySecretWorks(TestServer server, WebhookReceiver receiver) {
        String token = server.token(adminKey);
        for (String key : List.of(userKey, storedKey, plainKey, memberKey)) {
            assertThat(server.tokenFor(key).status()).isEqualTo(200);
        }
        Answer storedKeyRead = server.get("/v1/apikeys/" + storedKeyId, token);
        assertThat(storedKeyRead.status()).as("a token the server issued verifies: " + storedKeyRead.raw())
                .isEqualTo(200);
        assertThat(storedKeyRead.body().get("apikey").asText()).as("the stored value opens").isEqualTo(storedKey);
        assertThat(server.get("/v1/classic_keys/" + classicKeyId, token).body().get("apikey").asText())
                .isEqualTo(classicKey);
        assertThat(server.classicAuthenticate(OWNER_EMAIL, classicKey).status()).isEqualTo(200);
        Answer password = server.tokenRequest(Map.of("grant_type", "password", "username", memberEmail,
                "password", memberPassword, "account", accountId), Map.of());
        assertThat(password.status()).as(password.raw()).isEqualTo(200);

        int before = receiver.requests().size();
        assertThat(server.delete("/v1/apikeys/" + memberKeyId, token).status()).isEqualTo(204);
        NotificationTestKit.await("the webhook to be delivered", Duration.ofSeconds(20), () -> {
            server.wiring.notifications().dispatcher().runOnce();
            return receiver.requests().size() > before;
        });
        assertThat(receiver.requests().subList(before, receiver.requests().size())).allSatisfy(request ->
                assertThat(request.signatureValid()).as("signed with the endpoint's secret").isTrue());
    }
}
