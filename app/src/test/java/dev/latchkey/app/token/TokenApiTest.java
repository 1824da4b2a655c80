package dev.latchkey.app.token;

import static dev.latchkey.app.support.IbmErrors.assertTokenError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.app.support.TestServer;
import dev.latchkey.app.support.TestServer.Answer;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code POST /identity/token}, {@code /identity/keys} and discovery: IBM's token service over real HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenApiTest {
    TestServer server;

    @BeforeAll
    void start() {
        server = TestServer.h2();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void exchangeReturnsIbmFieldsAndAJwtVerifiableWithThePublishedKeys() throws Exception {
        Answer answer = server.tokenRequest(Map.of("grant_type", TestServer.APIKEY_GRANT, "apikey", server.adminKey,
                "response_type", "cloud_iam"), Map.of());
        assertThat(answer.status()).isEqualTo(200);
        JsonNode body = answer.body();
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("refresh_token").asText()).isEqualTo("not_supported");
        assertThat(body.get("scope").asText()).isEqualTo("ibm openid");
        assertThat(body.get("expires_in").asLong()).isEqualTo(3600);
        long now = System.currentTimeMillis() / 1000;
        assertThat(body.get("expiration").asLong()).isBetween(now + 3590, now + 3610);

        SignedJWT jwt = SignedJWT.parse(body.get("access_token").asText());
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.getHeader().getType()).as("IBM's header carries no typ").isNull();
        assertThat(jwt.getHeader().getKeyID()).matches("\\d{12}(-\\d+)?");
        JWKSet keys = JWKSet.parse(server.get("/identity/keys", null).raw());
        var jwk = keys.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(jwk).isNotNull();
        assertThat(jwt.verify(new RSASSAVerifier(jwk.toRSAKey()))).isTrue();
        assertThat(keys.getKeys()).allSatisfy(k -> assertThat(k.isPrivate()).isFalse());

        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getStringClaim("iam_id")).startsWith("IBMid-").isEqualTo(claims.getStringClaim("id"));
        assertThat(claims.getStringClaim("realmid")).isEqualTo("IBMid");
        assertThat(claims.getStringClaim("grant_type")).isEqualTo(TestServer.APIKEY_GRANT);
        assertThat(claims.getStringClaim("scope")).isEqualTo("ibm openid");
        assertThat(claims.getStringClaim("client_id")).isEqualTo("default");
        assertThat(claims.getIssuer()).isEqualTo(server.url + "/identity");
        assertThat(claims.getSubject()).isEqualTo(claims.getStringClaim("email"));
        assertThat(claims.getJSONObjectClaim("account")).containsEntry("valid", true).containsKey("bss");
        assertThat(claims.getJSONObjectClaim("authn")).containsKeys("sub", "iam_id", "name", "email");
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(3_600_000);
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getClaim("amr")).asList().containsExactly("pwd");
    }

    @Test
    void basicClientAuthenticationNamesTheClient() throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString("bx:bx".getBytes());
        Answer answer = server.tokenRequest(Map.of("grant_type", TestServer.APIKEY_GRANT, "apikey", server.adminKey),
                Map.of("Authorization", basic));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(SignedJWT.parse(answer.body().get("access_token").asText()).getJWTClaimsSet()
                .getStringClaim("client_id")).isEqualTo("bx");
        Answer malformed = server.tokenRequest(Map.of("grant_type", TestServer.APIKEY_GRANT, "apikey", server.adminKey),
                Map.of("Authorization", "Basic !!!"));
        assertTokenError(malformed, "BXNIM0106E", "Basic");
    }

    @Test
    void badRequestsGetIbmTokenErrors() {
        assertTokenError(server.tokenRequest(Map.of("apikey", server.adminKey), Map.of()), "BXNIM0106E", "'grant_type'");
        assertTokenError(server.tokenRequest(Map.of("grant_type", "client_credentials", "apikey", server.adminKey),
                Map.of()), "BXNIM0106E", "'grant_type'");
        assertTokenError(server.tokenRequest(Map.of("grant_type", "password", "username", "a@example.com"), Map.of()),
                "BXNIM0106E", "'password'");
        assertTokenError(server.tokenRequest(Map.of("grant_type", TestServer.APIKEY_GRANT, "apikey", server.adminKey,
                "response_type", "uaa"), Map.of()), "BXNIM0106E", "'response_type'");
        assertTokenError(server.tokenRequest(Map.of("grant_type", TestServer.APIKEY_GRANT), Map.of()), "BXNIM0106E", "'apikey'");
        Answer json = server.call("POST", "/identity/token", null, "{\"apikey\":\"x\"}", Map.of());
        assertTokenError(json, "LKIAM0109E", "form-encoded");
        assertTokenError(server.tokenRequest("grant_type=" + TestServer.APIKEY_GRANT + "&apikey=%zz" + server.adminKey, Map.of()),
                "LKIAM0109E", "not valid form encoding");
        assertThat(server.tokenRequest("grant_type=" + TestServer.APIKEY_GRANT + "&apikey=" + server.adminKey + "%4", Map.of()).raw())
                .doesNotContain(server.adminKey);
    }

    /** The token route is served ahead of Javalin (DirectRoutes); it must still behave as every other route. */
    @Test
    void theTokenRouteKeepsTheConventionsOfEveryOtherRoute() {
        Map<String, String> form = Map.of("grant_type", TestServer.APIKEY_GRANT, "apikey", server.adminKey);
        Answer issued = server.tokenRequest(form, Map.of("Transaction-Id", "trace-token-1"));
        assertThat(issued.status()).isEqualTo(200);
        assertThat(issued.headers().firstValue("Transaction-Id")).hasValue("trace-token-1");
        assertThat(issued.headers().firstValue("Cache-Control")).as("RFC 6749 5.1").hasValue("no-store");
        assertThat(issued.headers().firstValue("Content-Type")).hasValue("application/json");

        Answer refused = server.tokenRequest(Map.of("grant_type", TestServer.APIKEY_GRANT, "apikey", "x".repeat(40)),
                Map.of("Transaction-Id", "trace-token-2"));
        assertThat(refused.body().get("context").get("requestId").asText()).isEqualTo("trace-token-2");
        assertThat(refused.body().get("context").get("url").asText()).isEqualTo(server.url + "/identity/token");

        assertThat(server.call("POST", "/identity/token/", null, null, Map.of()).status())
                .as("a trailing slash is ignored").isEqualTo(400);
        Answer get = server.get("/identity/token", null);
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.body().get("errors").get(0).get("message").asText())
                .isEqualTo("Method GET is not allowed on /identity/token.");
        // An oversized body is refused as on every route: DirectRoutesTest (a 413 before the body is read).
    }

    @Test
    void formValuesArePercentDecodedAndTheFirstOfARepeatedFieldCounts() {
        String encoded = "grant_type=" + TestServer.enc(TestServer.APIKEY_GRANT) + "&apikey=" + TestServer.enc(server.adminKey)
                + "&apikey=ignored&response_type=cloud_iam";
        assertThat(server.tokenRequest(encoded, Map.of()).status()).isEqualTo(200);
    }

    @Test
    void unknownAndMistypedKeysAreNotFound() {
        Answer unknown = server.tokenFor("not-a-key-but-long-enough-to-look-like-one");
        assertTokenError(unknown, "BXNIM0415E", "could not be found");
        char[] chars = server.adminKey.toCharArray();
        chars[10] = chars[10] == 'a' ? 'b' : 'a';
        Answer typo = server.tokenFor(new String(chars));
        assertTokenError(typo, "BXNIM0415E", "could not be found");
        assertThat(typo.raw()).doesNotContain(new String(chars));
    }

    @Test
    void tenantHeaderRestrictsTheAccount() throws Exception {
        String account = SignedJWT.parse(server.token(server.adminKey)).getJWTClaimsSet()
                .getJSONObjectClaim("account").get("bss").toString();
        Map<String, String> form = Map.of("grant_type", TestServer.APIKEY_GRANT, "apikey", server.adminKey);
        assertThat(server.tokenRequest(form, Map.of("IBM-Cloud-Tenant", "x," + account)).status()).isEqualTo(200);
        assertTokenError(server.tokenRequest(form, Map.of("IBM-Cloud-Tenant", "f".repeat(32))), "LKIAM0465E", "Tenant");
    }

    @Test
    void discoveryNamesTheTokenEndpointAndKeys() {
        JsonNode discovery = server.get("/identity/.well-known/openid-configuration", null).body();
        assertThat(discovery.get("issuer").asText()).isEqualTo(server.url + "/identity");
        assertThat(discovery.get("jwks_uri").asText()).isEqualTo(server.url + "/identity/keys");
        assertThat(discovery.get("token_endpoint").asText()).isEqualTo(server.url + "/identity/token");
        assertThat(server.get("/health", null).body().get("status").asText()).isEqualTo("ok");
    }

    @Test
    void tokensAreSignedOnOnePlatformThreadPerCoreUnlessSetToTheRequestThread() throws Exception {
        assertThat(TestServer.config(false).signingThreads()).as("--signing-threads auto")
                .isEqualTo(Runtime.getRuntime().availableProcessors());
        try (TestServer onRequestThread = TestServer.start(TestServer.config(false).withSigningThreads(0))) {
            SignedJWT jwt = SignedJWT.parse(onRequestThread.token(onRequestThread.adminKey));
            var jwk = JWKSet.parse(onRequestThread.get("/identity/keys", null).raw())
                    .getKeyByKeyId(jwt.getHeader().getKeyID());
            assertThat(jwt.verify(new RSASSAVerifier(jwk.toRSAKey()))).isTrue();
            assertThat(onRequestThread.get("/v1/apikeys", jwt.serialize()).status()).isEqualTo(200);
        }
    }

    @Test
    void es256IsSelectable() throws Exception {
        try (TestServer es = TestServer.start(TestServer.config(false).withTokenAlgorithm("ES256"))) {
            SignedJWT jwt = SignedJWT.parse(es.token(es.adminKey));
            assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
            var jwk = JWKSet.parse(es.get("/identity/keys", null).raw()).getKeyByKeyId(jwt.getHeader().getKeyID());
            assertThat(jwt.verify(new ECDSAVerifier(jwk.toECKey()))).isTrue();
            assertThat(es.get("/v1/apikeys", jwt.serialize()).status()).isEqualTo(200);
        }
    }
}
