package dev.latchkey.app.settings;

import static dev.latchkey.app.support.IbmErrors.assertBadRequest;
import static dev.latchkey.app.support.IbmErrors.assertTokenError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.app.support.Fixtures;
import dev.latchkey.app.support.Fixtures.Person;
import dev.latchkey.app.support.TestServer;
import dev.latchkey.app.support.TestServer.Answer;
import dev.latchkey.core.access.Role;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What the account settings change in behaviour, over real HTTP: who may create user API keys, how long access
 * tokens live, and from which addresses tokens may be created. Each test works in an account of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountSettingsEnforcementTest {
    TestServer server;
    Fixtures fixtures;

    @BeforeAll
    void start() {
        server = TestServer.h2();
        fixtures = new Fixtures(server);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    void setting(Person by, String json) {
        setting(by, server.token(by.apikey()), json);
    }

    void setting(Person by, String token, String json) {
        Answer answer = server.call("PUT", "/v1/accounts/" + by.accountId() + "/settings/identity", token, json,
                Map.of("If-Match", "*"));
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
    }

    Answer createUserKey(Person who) {
        return server.post("/v1/apikeys", server.token(who.apikey()),
                "{\"name\":\"restricted?\",\"iam_id\":\"" + who.iamId() + "\"}");
    }

    int keysOf(Person who) {
        return server.get("/v1/apikeys?pagesize=100", server.token(who.apikey())).body().get("apikeys").size();
    }

    /** The seed rule: "blocks every user, the account owner included, unless granted the creator role explicitly". */
    @Test
    void ownerIsBlockedByTheRestrictSettingUnlessGranted() {
        Person owner = fixtures.accountWithOwner();
        Person member = fixtures.member(owner.accountId());
        Person administrator = fixtures.member(owner.accountId(), Role.ADMINISTRATOR);
        setting(owner, "{\"restrict_create_platform_apikey\":\"RESTRICTED\"}");

        int ownerKeys = keysOf(owner);
        Answer refused = createUserKey(owner);
        assertBadRequest(refused, 403, "restrict_create_platform_apikey");
        assertThat(refused.errorMessage()).contains("User API key creator");
        assertThat(keysOf(owner)).as("nothing was created").isEqualTo(ownerKeys);
        assertBadRequest(createUserKey(member), 403, "restrict_create_platform_apikey");
        assertBadRequest(createUserKey(administrator), 403, "restrict_create_platform_apikey");

        fixtures.grant(owner.accountId(), owner.iamId(), Role.USER_API_KEY_CREATOR);
        Answer granted = createUserKey(owner);
        assertThat(granted.status()).as(granted.raw()).isEqualTo(201);
        assertThat(server.token(granted.body().get("apikey").asText())).isNotBlank();
        assertBadRequest(createUserKey(member), 403, "restrict_create_platform_apikey");

        setting(owner, "{\"restrict_create_platform_apikey\":\"NOT_RESTRICTED\"}");
        assertThat(createUserKey(member).status()).isEqualTo(201);
        assertThat(createUserKey(administrator).status()).isEqualTo(201);
        setting(owner, "{\"restrict_create_platform_apikey\":\"NOT_SET\"}");
        assertThat(createUserKey(member).status()).isEqualTo(201);
    }

    @Test
    void accessTokenLifetimeFollowsTheAccountSetting() throws Exception {
        Person owner = fixtures.accountWithOwner();
        Person elsewhere = fixtures.accountWithOwner();
        setting(owner, "{\"system_access_token_expiration_in_seconds\":\"900\"}");

        Answer answer = server.tokenFor(owner.apikey());
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        assertThat(answer.body().get("expires_in").asLong()).isEqualTo(900);
        long now = System.currentTimeMillis() / 1000;
        assertThat(answer.body().get("expiration").asLong()).isBetween(now + 890, now + 910);
        JWTClaimsSet claims = SignedJWT.parse(answer.body().get("access_token").asText()).getJWTClaimsSet();
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isEqualTo(900_000);
        assertThat(claims.getExpirationTime().getTime() / 1000).isEqualTo(answer.body().get("expiration").asLong());

        assertThat(server.tokenFor(elsewhere.apikey()).body().get("expires_in").asLong())
                .as("other accounts keep the default").isEqualTo(3600);
        setting(owner, "{\"system_access_token_expiration_in_seconds\":\"NOT_SET\"}");
        assertThat(server.tokenFor(owner.apikey()).body().get("expires_in").asLong()).isEqualTo(3600);
    }

    @Test
    void tokensAreCreatedOnlyForAllowedClientAddresses() {
        Person owner = fixtures.accountWithOwner();
        String ownerToken = server.token(owner.apikey());
        String path = "/v1/accounts/" + owner.accountId() + "/settings/identity";
        Answer set = server.call("PUT", path, ownerToken, "{\"allowed_ip_addresses\":\"10.0.0.0/8, 192.0.2.7 2001:db8::/32\"}",
                Map.of("If-Match", "*"));
        assertThat(set.status()).as(set.raw()).isEqualTo(200);

        Answer refused = server.tokenFor(owner.apikey());
        assertTokenError(refused, "LKIAM0466E", "is not allowed to create tokens for this account");
        assertThat(refused.body().get("errorMessage").asText()).contains("127.0.0.1");
        assertThat(refused.raw()).doesNotContain(owner.apikey());

        JsonNode current = server.get(path, ownerToken).body();
        Answer widened = server.call("PUT", path, ownerToken, "{\"allowed_ip_addresses\":\""
                + current.get("allowed_ip_addresses").asText() + ", 127.0.0.0/8\"}",
                Map.of("If-Match", current.get("entity_tag").asText()));
        assertThat(widened.status()).as(widened.raw()).isEqualTo(200);
        assertThat(server.tokenFor(owner.apikey()).status()).isEqualTo(200);

        setting(owner, ownerToken, "{\"allowed_ip_addresses\":\"10.*.*.*\"}");
        assertTokenError(server.tokenFor(owner.apikey()), "LKIAM0466E", "not allowed");
        // Tokens issued before keep working: the list guards token creation, not the management API.
        setting(owner, ownerToken, "{\"allowed_ip_addresses\":\"*.*.*.*\"}");
        assertThat(server.tokenFor(owner.apikey()).status()).as("IBM's integration test value").isEqualTo(200);
        setting(owner, ownerToken, "{\"allowed_ip_addresses\":\"\"}");
        assertThat(server.tokenFor(owner.apikey()).status()).isEqualTo(200);
    }
}
