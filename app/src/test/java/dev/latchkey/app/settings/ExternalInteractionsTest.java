package dev.latchkey.app.settings;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.app.support.Fixtures;
import dev.latchkey.app.support.Fixtures.Person;
import dev.latchkey.app.support.TestServer;
import dev.latchkey.app.support.TestServer.Answer;
import dev.latchkey.core.access.Role;
import dev.latchkey.core.settings.ExternalInteractions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * The external identity interactions setting (decision 0034) against a real server: account B (the server's first
 * account) sets it; user U is a member of B, of A and of C, with a user API key created in each. "Same" is U's key of
 * B, "allowlisted" U's key of C (C is on B's allowlist when limited), "other" U's key of A. For every state x source:
 * the token exchange for B, a management route of B with a token for B, and {@code /v2/authz} about B's resources.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExternalInteractionsTest {
    private static final String IDENTITY_ACTION = "iam-identity.serviceid.list";
    TestServer server;
    Fixtures fixtures;
    String ownerToken;
    String accountB;
    Person accountA;
    Person accountC;
    Person user;
    String keySame;
    String keyAllowlisted;
    String keyOther;
    /** Tokens for account B, obtained while B was not restricted, one per source. */
    String tokenSame;
    String tokenAllowlisted;
    String tokenOther;
    final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeAll
    void start() {
        server = TestServer.h2();
        fixtures = new Fixtures(server);
        ownerToken = server.token(server.adminKey);
        accountB = server.get("/v1/apikeys", ownerToken).body().get("apikeys").get(0).get("account_id").asText();
        accountA = fixtures.accountWithOwner();
        accountC = fixtures.accountWithOwner();
        user = fixtures.member(accountB, Role.VIEWER);
        keySame = user.apikey();
        fixtures.join(accountA.accountId(), user.iamId());
        fixtures.join(accountC.accountId(), user.iamId());
        keyOther = fixtures.key(accountA.accountId(), user.iamId(), null, false);
        keyAllowlisted = fixtures.key(accountC.accountId(), user.iamId(), null, false);
        tokenSame = tokenForB(keySame).body().get("access_token").asText();
        tokenAllowlisted = tokenForB(keyAllowlisted).body().get("access_token").asText();
        tokenOther = tokenForB(keyOther).body().get("access_token").asText();
        Logger logger = (Logger) LoggerFactory.getLogger(ExternalInteractions.class);
        logger.setLevel(Level.INFO);
        logged.start();
        logger.addAppender(logged);
    }

    @AfterAll
    void stop() {
        ((Logger) LoggerFactory.getLogger(ExternalInteractions.class)).detachAppender(logged);
        server.close();
    }

    @BeforeEach
    void clearLog() {
        logged.list.clear();
    }

    @Test
    void tokenWhenFromAKeyOfAnotherAccountThenCarriesThatAccountOnlyThen() {
        assertThat(claims(tokenOther).path("authn_account").asText()).isEqualTo(accountA.accountId());
        assertThat(claims(tokenOther).path("account").path("bss").asText()).isEqualTo(accountB);
        assertThat(claims(tokenSame).has("authn_account")).isFalse();
        assertThat(claims(server.token(keyOther)).has("authn_account")).as("a token for the key's own account")
                .isFalse();
    }

    @Test
    void notRestrictedWhenAnySourceThenEverythingAllowedAndNothingRecorded() {
        set("enabled", List.of());
        for (String key : List.of(keySame, keyAllowlisted, keyOther)) {
            assertThat(tokenForB(key).status()).isEqualTo(200);
        }
        for (String token : List.of(tokenSame, tokenAllowlisted, tokenOther)) {
            assertThat(managementRoute(token).status()).isEqualTo(200);
            assertThat(authz(token).path("permitted").asBoolean()).isTrue();
        }
        assertThat(lines()).isEmpty();
    }

    @Test
    void reportOnlyWhenOtherAccountThenAllowedAndRecordedWhenAllowlistedOrSameThenNotRecorded() {
        set("monitor", List.of(accountC.accountId()));
        for (String key : List.of(keySame, keyAllowlisted)) {
            assertThat(tokenForB(key).status()).isEqualTo(200);
        }
        for (String token : List.of(tokenSame, tokenAllowlisted)) {
            assertThat(managementRoute(token).status()).isEqualTo(200);
            assertThat(authz(token).path("permitted").asBoolean()).isTrue();
        }
        assertThat(lines()).isEmpty();

        assertThat(tokenForB(keyOther).status()).isEqualTo(200);
        assertThat(managementRoute(tokenOther).status()).isEqualTo(200);
        assertThat(authz(tokenOther).path("permitted").asBoolean()).isTrue();
        // the authz call's caller is the owner, the subject the reported token; each of the three is recorded once
        assertThat(lines()).hasSize(3).allMatch(line -> line.startsWith("External identity interaction reported: "
                + user.iamId() + " authenticated in account " + accountA.accountId()) && line.contains(accountB)
                && line.endsWith("(setting monitor)"));
        assertThat(lines()).anyMatch(l -> l.contains(" at token ")).anyMatch(l -> l.contains(" at request "))
                .anyMatch(l -> l.contains(" at authz "));
        assertThat(String.join("\n", lines())).doesNotContain(keyOther).doesNotContain(tokenOther);
        JsonNode audited = auditEvents("iam-identity.external_interaction.report", 3);
        assertThat(audited).hasSize(3).allSatisfy(e -> {
            assertThat(e.path("actor").path("iam_id").asText()).isEqualTo(user.iamId());
            assertThat(e.path("outcome").asText()).isEqualTo("success");
            assertThat(e.path("details").path("reason").asText()).contains(accountA.accountId(), "(setting monitor)");
        });
    }

    /** B's audit events of {@code action}, once the batch that writes them (every second) has at least {@code n}. */
    private JsonNode auditEvents(String action, int n) {
        JsonNode events = null;
        for (int i = 0; i < 50; i++) {
            events = server.get("/v1/accounts/" + accountB + "/audit_events?action=" + action, ownerToken).body()
                    .path("events");
            if (events.size() >= n) {
                break;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return events;
    }

    @Test
    void restrictedWhenOtherAccountThenTokenRouteAndAuthzRefusedWhenAllowlistedOrSameThenAllowed() {
        set("limited", List.of(accountC.accountId()));
        for (String key : List.of(keySame, keyAllowlisted)) {
            assertThat(tokenForB(key).status()).isEqualTo(200);
        }
        for (String token : List.of(tokenSame, tokenAllowlisted)) {
            assertThat(managementRoute(token).status()).isEqualTo(200);
            assertThat(authz(token).path("permitted").asBoolean()).isTrue();
        }
        assertThat(lines()).isEmpty();

        Answer refused = tokenForB(keyOther);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("errorCode").asText()).isEqualTo("LKIAM0467E");
        assertThat(refused.body().get("errorMessage").asText()).contains(accountA.accountId()).contains(accountB)
                .doesNotContain(keyOther);
        assertThat(server.tokenFor(keyOther).status()).as("the key still gets tokens for its own account")
                .isEqualTo(200);

        Answer route = managementRoute(tokenOther);
        assertThat(route.status()).isEqualTo(403);
        assertThat(route.errorMessage()).contains("limits external identity interactions");
        JsonNode decision = authz(tokenOther);
        assertThat(decision.path("permitted").asBoolean()).isFalse();
        assertThat(decision.path("reason").asText()).contains("limits external identity interactions");
        assertThat(lines()).hasSize(3).allMatch(line -> line.startsWith("External identity interaction refused: ")
                && line.endsWith("(setting limited)"));
        assertThat(auditEvents("iam-identity.external_interaction.deny", 3)).hasSize(3)
                .allSatisfy(e -> assertThat(e.path("outcome").asText()).isEqualTo("failure"));
    }

    @Test
    void restrictedWhenServiceIdThenUnaffected() {
        set("limited", List.of());
        Person serviceId = fixtures.serviceIdWithKey(accountB, user.iamId());
        assertThat(server.tokenFor(serviceId.apikey()).status()).isEqualTo(200);
        set("enabled", List.of());
    }

    @Test
    void settingsWhenReadAndChangedThenIbmShapeEtagAndHistory() {
        Answer read = server.get(path(), ownerToken);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("Etag")).isNotEmpty();
        JsonNode types = read.body().get("external_account_identity_interaction").get("identity_types");
        assertThat(types.fieldNames()).toIterable().containsExactlyInAnyOrder("user", "service_id", "service");
        Answer changed = server.call("PATCH", path(), ownerToken, """
                {"external_account_identity_interaction":{"identity_types":{
                  "user":{"state":"monitor","external_allowed_accounts":["%s"]},
                  "service_id":{"state":"limited","external_allowed_accounts":[]}}}}""".formatted(
                accountC.accountId()), Map.of("If-Match", read.header("Etag"), "Accept-Language", "de"));
        assertThat(changed.status()).isEqualTo(200);
        JsonNode echoed = changed.body().get("external_account_identity_interaction").get("identity_types");
        assertThat(echoed.get("user").toString()).isEqualTo("{\"state\":\"monitor\",\"external_allowed_accounts\":[\""
                + accountC.accountId() + "\"]}");
        assertThat(echoed.get("service_id").get("state").asText()).isEqualTo("limited");
        assertThat(server.get(path(), ownerToken).body().get("external_account_identity_interaction"))
                .isEqualTo(changed.body().get("external_account_identity_interaction"));
        assertThat(changed.header("Etag")).isNotEqualTo(read.header("Etag"));

        Answer stale = server.call("PATCH", path(), ownerToken, "{}", Map.of("If-Match", read.header("Etag")));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(server.call("PATCH", path(), ownerToken, "{}", Map.of()).status()).isEqualTo(400);

        JsonNode history = server.get("/v1/accounts/" + accountB + "/settings/identity?include_history=true",
                ownerToken).body().get("history");
        assertThat(history.get(history.size() - 1).get("message").asText()).isEqualTo("Access management settings "
                + "updated: external_account_identity_interaction.identity_types.user: 'enabled' (0 allowed "
                + "accounts) → 'monitor' (1 allowed account); external_account_identity_interaction.identity_types."
                + "service_id: 'enabled' (0 allowed accounts) → 'limited' (0 allowed accounts).");
        set("enabled", List.of());
    }

    @Test
    void settingsWhenInvalidThenFourHundredNamingTheFieldAndNothingWritten() {
        String etag = server.get(path(), ownerToken).header("Etag");
        Map<String, String> bodies = Map.of(
                "{\"external_account_identity_interaction\":{\"identity_types\":{\"user\":{\"state\":\"closed\","
                        + "\"external_allowed_accounts\":[]}}}}", "identity_types.user.state",
                "{\"external_account_identity_interaction\":{\"identity_types\":{\"user\":{\"state\":\"limited\"}}}}",
                "identity_types.user.external_allowed_accounts",
                "{\"external_account_identity_interaction\":{\"identity_types\":{\"user\":{\"state\":\"limited\","
                        + "\"external_allowed_accounts\":[\"a,b\"]}}}}", "external_allowed_accounts[0]",
                "{\"external_account_identity_interaction\":{\"identity_types\":{\"robot\":{}}}}",
                "identity_types.robot",
                "{\"external_account_identity_interaction\":{\"identity_types\":{\"user\":{\"state\":\"limited\","
                        + "\"external_allowed_accounts\":[\"x\",\"x\"]}}}}", "external_allowed_accounts[1]");
        bodies.forEach((body, field) -> {
            Answer answer = server.call("PATCH", path(), ownerToken, body, Map.of("If-Match", etag));
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.errorMessage()).as(body).contains(field);
        });
        assertThat(server.get(path(), ownerToken).header("Etag")).isEqualTo(etag);
    }

    @Test
    void settingsWhenAccessManagementRolesThenViewerReadsAndOnlyAdministratorChanges() {
        Person viewer = fixtures.member(accountB);
        fixtures.grant(accountB, viewer.iamId(), "iam-access-management", Role.VIEWER);
        Person administrator = fixtures.member(accountB);
        fixtures.grant(accountB, administrator.iamId(), "iam-access-management", Role.ADMINISTRATOR);
        String viewerToken = server.token(viewer.apikey());
        String adminToken = server.token(administrator.apikey());
        assertThat(server.get(path(), viewerToken).status()).isEqualTo(200);
        String body = "{\"external_account_identity_interaction\":{\"identity_types\":{\"user\":{\"state\":\"enabled\","
                + "\"external_allowed_accounts\":[]}}}}";
        assertThat(server.call("PATCH", path(), viewerToken, body, Map.of("If-Match", "*")).status()).isEqualTo(403);
        assertThat(server.call("PATCH", path(), adminToken, body, Map.of("If-Match", "*")).status()).isEqualTo(200);
        assertThat(server.get("/v1/accounts/" + accountB + "/settings/access_management",
                server.token(accountA.apikey())).status()).as("another account's owner").isEqualTo(403);
    }

    private void set(String state, List<String> allowed) {
        String accounts = String.join(",", allowed.stream().map(a -> "\"" + a + "\"").toList());
        Answer answer = server.call("PATCH", path(), ownerToken, "{\"external_account_identity_interaction\":"
                + "{\"identity_types\":{\"user\":{\"state\":\"" + state + "\",\"external_allowed_accounts\":["
                + accounts + "]}}}}", Map.of("If-Match", "*"));
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        logged.list.clear();
    }

    private String path() {
        return "/v1/accounts/" + accountB + "/settings/access_management";
    }

    private Answer tokenForB(String apikey) {
        return server.tokenRequest(Map.of("grant_type", "urn:ibm:params:oauth:grant-type:apikey", "apikey", apikey,
                "account", accountB), Map.of());
    }

    /** A management route of B that U's Viewer role allows. */
    private Answer managementRoute(String token) {
        return server.get("/v1/serviceids/?account_id=" + accountB, token);
    }

    /** The owner asks whether the token's holder may list B's service IDs. */
    private JsonNode authz(String subjectToken) {
        Answer answer = server.post("/v2/authz", ownerToken, "[{\"subject\":{\"accessToken\":\"" + subjectToken
                + "\"},\"action\":\"" + IDENTITY_ACTION + "\",\"resource\":{\"attributes\":{\"accountId\":\""
                + accountB + "\",\"serviceName\":\"iam-identity\"}}}]");
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        return answer.body().get("responses").get(0).get("authorizationDecision");
    }

    private List<String> lines() {
        return logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static JsonNode claims(String token) {
        try {
            return TestServer.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
