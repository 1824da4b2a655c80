package dev.latchkey.app.leak;

import static dev.latchkey.app.support.IbmErrors.assertBadRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.latchkey.app.support.NotificationTestKit;
import dev.latchkey.app.support.NotificationTestKit.Key;
import dev.latchkey.app.support.TestServer;
import dev.latchkey.app.support.TestServer.Answer;
import dev.latchkey.app.support.WebhookReceiver;
import dev.latchkey.core.common.ApiKeyHash;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Leaked keys end to end on a real server: GitHub's signed partner endpoint and the authenticated intake, each
 * key's action (none, disable, delete with a tombstone), idempotency, notification by mail (GreenMail) and by
 * signed webhook without the secret, and the review with activity after the sighting.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LeakApiTest {
    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);
    TestServer server;
    NotificationTestKit kit;
    WebhookReceiver receiver;
    KeyPair github;
    KeyPair stranger;

    @BeforeAll
    void start() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        github = generator.generateKeyPair();
        stranger = generator.generateKeyPair();
        Path keys = Files.createTempFile("github-keys", ".json");
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(github.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
        Files.writeString(keys, "{\"public_keys\":[{\"key_identifier\":\"gh-1\",\"key\":\""
                + pem.replace("\n", "\\n") + "\",\"is_current\":true}]}");
        server = TestServer.start(TestServer.config(false).withGithubKeysFile(keys).withNotifications(
                NotificationTestKit.driven().withSmtp(NotificationTestKit.smtp(MAIL.getSmtp().getPort()))));
        kit = new NotificationTestKit(server);
        receiver = new WebhookReceiver();
        Answer endpoint = server.post("/v1/accounts/" + kit.accountId + "/notification_endpoints", kit.ownerToken,
                "{\"url\":\"" + receiver.url() + "\"}");
        assertThat(endpoint.status()).as(endpoint.raw()).isEqualTo(201);
        receiver.secret(endpoint.body().get("secret").asText());
    }

    @AfterAll
    void stop() {
        if (receiver != null) {
            receiver.close();
        }
        if (server != null) {
            server.close();
        }
    }

    Key memberKey(String name, String action) {
        Answer created = server.post("/v1/apikeys", kit.memberToken, "{\"name\":\"" + name + "\",\"iam_id\":\""
                + kit.member.iamId() + "\",\"action_when_leaked\":\"" + action + "\"}");
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        return new Key(created.body().get("id").asText(), name, created.body().get("apikey").asText());
    }

    static String report(String token, String url) {
        return "[{\"token\":\"" + token + "\",\"type\":\"latchkey_api_key\",\"url\":\"" + url + "\",\"source\":\"content\"}]";
    }

    HttpResponse<String> github(String body, String keyId, KeyPair signer, boolean sign) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url + "/v1/leaks/github"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (keyId != null) {
            request.header("Github-Public-Key-Identifier", keyId);
        }
        if (sign) {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(signer.getPrivate());
            signature.update(body.getBytes(StandardCharsets.UTF_8));
            request.header("Github-Public-Key-Signature", Base64.getEncoder().encodeToString(signature.sign()));
        }
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void githubReportsMustCarryAValidSignatureFromAConfiguredKey() throws Exception {
        Key key = memberKey("signed", "disable");
        String body = report(key.value(), "https://github.com/acme/app/blob/main/.env");
        assertThat(github(body, "gh-1", github, false).statusCode()).as("missing signature").isEqualTo(401);
        assertThat(github(body, null, github, true).statusCode()).as("missing key identifier").isEqualTo(401);
        assertThat(github(body, "gh-9", github, true).statusCode()).as("unknown key identifier").isEqualTo(401);
        assertThat(github(body, "gh-1", stranger, true).statusCode()).as("signed by another key").isEqualTo(401);
        assertThat(server.token(key.value())).as("nothing happened to the key").isNotBlank();

        HttpResponse<String> accepted = github(body, "gh-1", github, true);
        assertThat(accepted.statusCode()).isEqualTo(200);
        JsonNode verdict = TestServer.JSON.readTree(accepted.body()).get(0);
        assertThat(verdict.get("token_hash").asText()).isEqualTo(ApiKeyHash.of(key.value()));
        assertThat(verdict.get("label").asText()).isEqualTo("true_positive");
        assertThat(accepted.body()).doesNotContain(key.value());
        assertThat(server.tokenFor(key.value()).body().get("errorCode").asText()).isEqualTo("BXNIM0462E");
    }

    @Test
    void eachKeyGetsTheActionItAskedForAndOwnersAndAdminsAreToldWithoutTheSecret() throws Exception {
        Key none = memberKey("watch-only", "none");
        Key disable = memberKey("to-disable", "disable");
        Key delete = memberKey("to-delete", "delete");
        kit.deliver();
        MAIL.purgeEmailFromAllMailboxes();
        int webhooksBefore = receiver.processed().size();

        String body = "[" + String.join(",", List.of(
                "{\"token\":\"" + none.value() + "\",\"type\":\"latchkey_api_key\",\"url\":\"https://paste.example/1\"}",
                "{\"token\":\"" + disable.value() + "\",\"type\":\"latchkey_api_key\",\"url\":\"https://paste.example/2\"}",
                "{\"token\":\"" + delete.value() + "\",\"type\":\"latchkey_api_key\",\"url\":\"https://paste.example/3\"}",
                "{\"token\":\"lk_" + "A".repeat(49) + "\",\"type\":\"latchkey_api_key\"}",
                "{\"token\":\"not-a-latchkey-key-at-all-0123456789\"}")) + "]";
        Answer answer = server.post("/v1/leaks", kit.memberToken, body);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        assertThat(answer.body().findValuesAsText("label")).containsExactly("true_positive", "true_positive",
                "true_positive", "false_positive", "false_positive");

        assertThat(server.token(none.value())).as("action none: the key keeps working").isNotBlank();
        assertThat(server.tokenFor(disable.value()).body().get("errorCode").asText()).isEqualTo("BXNIM0462E");
        assertThat(server.tokenFor(delete.value()).body().get("errorCode").asText()).isEqualTo("BXNIM0415E");
        JsonNode disabled = server.get("/v1/apikeys/" + disable.id() + "?include_history=true", kit.ownerToken).body();
        assertThat(disabled.get("disabled").asBoolean()).isTrue();
        assertThat(disabled.get("history").findValuesAsText("message")).anyMatch(m -> m.contains("reported leaked"));
        assertThat(server.get("/v1/apikeys/" + delete.id(), kit.ownerToken).status()).isEqualTo(404);
        assertThat(server.delete("/v1/apikeys/" + disable.id() + "/disable", kit.ownerToken).status())
                .as("an admin can re-enable after review").isEqualTo(204);

        kit.deliver();
        assertThat(MAIL.waitForIncomingEmail(5_000, 6)).as("owner key-holder, the account owner and the admin, per key").isTrue();
        List<String> texts = new ArrayList<>();
        for (MimeMessage m : MAIL.getReceivedMessages()) {
            texts.add(m.getSubject() + "\n" + m.getContent());
        }
        assertThat(texts).anyMatch(t -> t.contains(delete.id()) && t.contains(delete.displayPrefix()));
        for (Key key : List.of(none, disable, delete)) {
            assertThat(texts).allMatch(t -> !t.contains(key.value()));
        }
        NotificationTestKit.await("webhooks for three leaks", java.time.Duration.ofSeconds(5),
                () -> receiver.processed().size() >= webhooksBefore + 3);
        assertThat(receiver.requests()).allMatch(WebhookReceiver.Request::signatureValid);
        assertThat(receiver.requests()).allMatch(r -> !r.body().contains(delete.value()) && !r.body().contains(none.value()));
    }

    @Test
    void reportsAreIdempotentAndTheReviewShowsUseAfterTheSighting() {
        Key key = memberKey("reviewed", "none");
        String body = report(key.value(), "https://gist.example/9");
        assertThat(server.post("/v1/leaks", kit.memberToken, body).status()).isEqualTo(200);
        server.token(key.value());
        server.token(key.value());
        assertThat(server.post("/v1/leaks", kit.adminToken, body).body().get(0).get("label").asText())
                .isEqualTo("true_positive");

        JsonNode leaks = server.get("/v1/leaks", kit.ownerToken).body().get("leaks");
        List<JsonNode> mine = new ArrayList<>();
        leaks.forEach(l -> {
            if (key.id().equals(l.path("key_id").asText())) {
                mine.add(l);
            }
        });
        assertThat(mine).as("one sighting per token, however often it is reported").hasSize(1);
        JsonNode sighting = mine.get(0);
        assertThat(sighting.get("action_taken").asText()).isEqualTo("none");
        assertThat(sighting.get("url").asText()).isEqualTo("https://gist.example/9");
        assertThat(sighting.get("display_prefix").asText()).isEqualTo(key.displayPrefix());
        assertThat(sighting.get("authn_count_since_report").asLong()).isEqualTo(2);
        assertThat(sighting.toString()).doesNotContain(key.value());
        assertThat(server.get("/v1/leaks", kit.memberToken).status()).as("review is for administrators").isEqualTo(403);
    }

    @Test
    void aThousandTokensAreTakenInOneRequestAndBadBodiesAreRefused() {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 1000; i++) {
            body.append(i == 0 ? "" : ",").append("{\"token\":\"unknown-token-").append(i)
                    .append("-0123456789abcdefghijklmnop\",\"type\":\"latchkey_api_key\",\"url\":\"https://x.example/")
                    .append(i).append("\",\"source\":\"bulk\"}");
        }
        Answer bulk = server.post("/v1/leaks", kit.memberToken, body.append("]").toString());
        assertThat(bulk.status()).as(bulk.raw().length() > 300 ? bulk.raw().substring(0, 300) : bulk.raw()).isEqualTo(200);
        assertThat(bulk.body()).hasSize(1000);
        assertThat(bulk.body().findValuesAsText("label")).containsOnly("false_positive");
        assertBadRequest(server.post("/v1/leaks", kit.memberToken, "{}"), 400, "JSON array");
        assertBadRequest(server.post("/v1/leaks", kit.memberToken, "[{\"type\":\"x\"}]"), 400, "token");
        assertThat(server.post("/v1/leaks", null, "[]").status()).isEqualTo(401);
    }
}
