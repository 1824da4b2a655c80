package dev.latchkey.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiClientTest {
    private static final String KEY = "lk_testkey_0123456789abcdefghijklmnop";

    @TempDir
    Path temp;

    StubIamServer server;
    ProfileStore store;

    @BeforeEach
    void start() throws IOException {
        server = new StubIamServer().issuesTokensFor("IBMid-1", "acc1");
        store = new ProfileStore(temp);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ApiClient client(String accountId, AccessToken cached) {
        return new ApiClient(store, new Profile(server.url(), KEY, accountId, cached), Clock.systemUTC());
    }

    @Test
    void refreshTokenSendsTheApiKeyGrantAsAFormAndSavesTheToken() {
        try (ApiClient client = client(null, null)) {
            AccessToken token = client.refreshToken();

            StubIamServer.Request request = server.requests("POST", "/identity/token").get(0);
            assertThat(request.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
            assertThat(request.body()).isEqualTo("grant_type=urn%3Aibm%3Aparams%3Aoauth%3Agrant-type%3Aapikey"
                    + "&apikey=" + KEY + "&response_type=cloud_iam");
            assertThat(token.iamId()).isEqualTo("IBMid-1");
            assertThat(store.load().orElseThrow().token()).isEqualTo(token);
        }
    }

    @Test
    void refreshTokenWhenProfileNamesAnAccountThenSendsIt() {
        try (ApiClient client = client("acc2", null)) {
            client.refreshToken();

            assertThat(server.requests("POST", "/identity/token").get(0).body()).endsWith("&account=acc2");
        }
    }

    @Test
    void sendReusesTheCachedTokenUntilShortlyBeforeItExpires() {
        server.on("GET", "/v1/apikeys/ApiKey-1", 200, "{\"id\":\"ApiKey-1\"}");
        Instant now = Instant.now();
        AccessToken cached = new AccessToken("cached-token", now.getEpochSecond() + 3600, "IBMid-1", "acc1");
        try (ApiClient client = client(null, cached)) {
            client.get("/v1/apikeys/ApiKey-1");
            client.get("/v1/apikeys/ApiKey-1");
        }
        assertThat(server.requests("POST", "/identity/token")).isEmpty();
        assertThat(server.requests("GET", "/v1/").get(0).header("Authorization")).isEqualTo("Bearer cached-token");
        assertThat(server.requests("GET", "/v1/").get(0).header("Accept")).isEqualTo("application/json");

        AccessToken nearlyExpired = new AccessToken("old-token", now.getEpochSecond() + 30, "IBMid-1", "acc1");
        try (ApiClient client = new ApiClient(store, new Profile(server.url(), KEY, null, nearlyExpired),
                Clock.fixed(now, ZoneOffset.UTC))) {
            client.get("/v1/apikeys/ApiKey-1");
        }
        assertThat(server.requests("POST", "/identity/token")).hasSize(1);
    }

    @Test
    void sendWhenCachedTokenIsRejectedThenRetriesOnceWithAFreshToken() {
        server.on("GET", "/v1/apikeys/ApiKey-1", 401, "{\"errors\":[{\"code\":\"invalid_access_token\","
                + "\"message_code\":\"BXNIM0407E\",\"message\":\"The provided access token is invalid.\"}],\"status_code\":401}");
        AccessToken cached = new AccessToken("stale", Instant.now().getEpochSecond() + 3600, "IBMid-1", "acc1");

        try (ApiClient client = client(null, cached)) {
            assertThatThrownBy(() -> client.get("/v1/apikeys/ApiKey-1"))
                    .isInstanceOf(CliException.class)
                    .hasMessage("The provided access token is invalid.");
        }
        assertThat(server.requests("GET", "/v1/")).hasSize(2);
        assertThat(server.requests("POST", "/identity/token")).hasSize(1);
    }

    @Test
    void sendWhenV1ErrorThenExceptionCarriesMessageStatusAndMessageCode() {
        server.on("GET", "/v1/apikeys/ApiKey-x", 404, "{\"errors\":[{\"code\":\"not_found\",\"message_code\":\"BXNIM0102E\","
                + "\"message\":\"API key not found.\"}],\"status_code\":404,\"trace\":\"abc\"}");

        try (ApiClient client = client(null, null)) {
            assertThatThrownBy(() -> client.get("/v1/apikeys/ApiKey-x"))
                    .isInstanceOfSatisfying(CliException.class, failure ->
                            assertThat(failure.describe()).isEqualTo("API key not found. (HTTP 404, BXNIM0102E)"));
        }
    }

    @Test
    void refreshTokenWhenTokenErrorThenExceptionUsesErrorMessageAndNeverTheKey() {
        server.on("POST", "/identity/token", 400, "{\"errorCode\":\"BXNIM0415E\",\"errorMessage\":"
                + "\"Provided API key could not be found.\",\"errorDetails\":\"BXNIM0102E: Unable to find Object.\"}");

        try (ApiClient client = client(null, null)) {
            assertThatThrownBy(client::refreshToken)
                    .isInstanceOfSatisfying(CliException.class, failure -> {
                        assertThat(failure.describe()).isEqualTo("Provided API key could not be found. (HTTP 400, BXNIM0415E)");
                        assertThat(failure.getMessage()).doesNotContain(KEY);
                    });
        }
        assertThat(store.load()).isEmpty();
    }

    @Test
    void sendWhenErrorBodyIsNotJsonThenGenericMessageWithStatus() {
        server.on("GET", "/v1/apikeys/ApiKey-x", 502, "<html>bad gateway</html>");

        try (ApiClient client = client(null, null)) {
            assertThatThrownBy(() -> client.get("/v1/apikeys/ApiKey-x"))
                    .isInstanceOfSatisfying(CliException.class, failure ->
                            assertThat(failure.describe()).isEqualTo("the server refused the request (HTTP 502)"));
        }
    }

    @Test
    void refreshTokenWhenNothingListensThenOneSentenceNamingTheUrl() throws IOException {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + freePort;

        try (ApiClient client = new ApiClient(store, new Profile(url, KEY, null, null), Clock.systemUTC())) {
            assertThatThrownBy(client::refreshToken)
                    .isInstanceOf(CliException.class)
                    .hasMessage("cannot connect to the Latchkey server at " + url + "; is it running and is the URL right?");
        }
    }

    @Test
    void getAllPagesFollowsAbsoluteNextLinksAndMergesTheItems() {
        server.on("GET", "/v1/apikeys?pagesize=100", 200, "{\"limit\":100,\"apikeys\":[{\"id\":\"ApiKey-1\"}],"
                + "\"next\":\"" + server.url() + "/v1/apikeys?pagesize=100&pagetoken=p2\"}");
        // A foreign host in a next link must not receive our token: only its path and query are used.
        server.on("GET", "/v1/apikeys?pagesize=100&pagetoken=p2", 200, "{\"apikeys\":[{\"id\":\"ApiKey-2\"}],"
                + "\"next\":\"http://elsewhere.invalid/v1/apikeys?pagesize=100&pagetoken=p3\"}");
        server.on("GET", "/v1/apikeys?pagesize=100&pagetoken=p3", 200, "{\"apikeys\":[{\"id\":\"ApiKey-3\"}]}");

        try (ApiClient client = client(null, null)) {
            JsonNode all = client.getAllPages("/v1/apikeys?pagesize=100", "apikeys");

            assertThat(all.path("apikeys").findValuesAsText("id")).containsExactly("ApiKey-1", "ApiKey-2", "ApiKey-3");
            assertThat(all.has("next")).isFalse();
            assertThat(all.path("limit").asInt()).isEqualTo(100);
        }
    }

    @Test
    void sendWithBodyAndHeadersSendsJson() {
        server.on("PUT", "/v1/apikeys/ApiKey-1", 200, "{\"id\":\"ApiKey-1\"}");

        try (ApiClient client = client(null, null)) {
            ApiResponse response = client.send("PUT", "/v1/apikeys/ApiKey-1", Json.object().put("name", "n"),
                    Map.of("If-Match", "1-abc"));

            assertThat(response.status()).isEqualTo(200);
        }
        StubIamServer.Request request = server.requests("PUT", "/v1/").get(0);
        assertThat(request.header("If-Match")).isEqualTo("1-abc");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.body()).isEqualTo("{\"name\":\"n\"}");
    }

    @Test
    void openWhenNotLoggedInThenTellsHowToLogIn() {
        assertThatThrownBy(() -> ApiClient.open(new ProfileStore(temp.resolve("none"))))
                .isInstanceOf(CliException.class)
                .hasMessage("not logged in: run 'latchkey login --apikey KEY [--url URL]' first");
    }
}
