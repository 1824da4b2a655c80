package dev.latchkey.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.app.ServerConfig;
import dev.latchkey.app.Wiring;
import dev.latchkey.store.Postgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * A real Latchkey server on a free port for one test class, on H2 in a temporary directory or on a fresh
 * PostgreSQL schema, with a small HTTP client that speaks to it as any client would.
 */
public final class TestServer implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();
    /** IBM's API key grant type. */
    public static final String APIKEY_GRANT = "urn:ibm:params:oauth:grant-type:apikey";
    public final Wiring wiring;
    public final Path dataDir;
    public final String adminKey;
    public final String url;
    private final HttpClient client = HttpClient.newHttpClient();

    private TestServer(ServerConfig config, Clock clock) throws IOException {
        this.dataDir = config.dataDir();
        this.wiring = Wiring.start(config, clock);
        // Null on a restart over an existing database: the admin key is made on the first start only.
        this.adminKey = wiring.adminKey().map(created -> created.value().reveal()).orElse(null);
        this.url = (config.edge().tls() == null ? "http" : "https") + "://127.0.0.1:" + wiring.port();
    }

    /** Makes {@code n} calls from {@code n} threads released together; their answers, in call order. */
    public static List<Answer> atOnce(int n, IntFunction<Answer> call) throws Exception {
        var start = new CountDownLatch(1);
        var results = new ArrayList<Future<Answer>>();
        try (var pool = Executors.newFixedThreadPool(n)) {
            for (int i = 0; i < n; i++) {
                int index = i;
                results.add(pool.submit(() -> {
                    start.await();
                    return call.apply(index);
                }));
            }
            start.countDown();
        }
        List<Answer> answers = new ArrayList<>();
        for (var result : results) {
            answers.add(result.get());
        }
        return answers;
    }

    /** Another node on a database that is already initialized: there is no admin key to show. */
    public static TestServer startExisting(ServerConfig config) {
        TestServer server = start(config);
        if (server.adminKey != null) {
            server.close();
            throw new AssertionError("expected an initialized database");
        }
        return server;
    }

    public static TestServer h2() {
        return start(config(false));
    }

    public static TestServer postgres() {
        return start(config(true));
    }

    public static ServerConfig config(boolean postgres) {
        try {
            ServerConfig config = ServerConfig.defaults(Files.createTempDirectory("latchkey-test")).withPort(0);
            return postgres ? config.withDatabase(Postgres.freshSchemaUrl(), Postgres.USER, null) : config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TestServer start(ServerConfig config) {
        return start(config, Clock.systemUTC());
    }

    /** A server whose every part tells the time by {@code clock} (a {@code MutableClock} the test moves). */
    public static TestServer start(ServerConfig config, Clock clock) {
        try {
            return new TestServer(config, clock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An HTTP answer: status, headers and the body parsed as JSON (null when empty). */
    public record Answer(int status, JsonNode body, java.net.http.HttpHeaders headers, String raw) {
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String errorCode() {
            return body.path("errors").path(0).path("code").asText();
        }

        public String errorMessage() {
            return body.path("errors").path(0).path("message").asText();
        }
    }

    public Answer tokenRequest(Map<String, String> form, Map<String, String> headers) {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        return tokenRequest(body.toString(), headers);
    }

    /** A token request with this form body as it is, encoded or not. */
    public Answer tokenRequest(String formBody, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + "/identity/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody));
        headers.forEach(request::header);
        return send(request);
    }

    public Answer tokenFor(String apikey) {
        return tokenRequest(Map.of("grant_type", "urn:ibm:params:oauth:grant-type:apikey", "apikey", apikey),
                Map.of());
    }

    /** A valid access token for {@code apikey}; fails the test when none is issued. */
    public String token(String apikey) {
        Answer answer = tokenFor(apikey);
        if (answer.status() != 200) {
            throw new AssertionError("no token: " + answer.raw());
        }
        return answer.body().get("access_token").asText();
    }

    public Answer call(String method, String path, String token, String jsonBody, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        return send(request);
    }

    /** Invites {@code email} to {@code accountId} (as the bearer of {@code inviterToken}) and accepts with a password. */
    public void inviteWithPassword(String inviterToken, String accountId, String email, String password) {
        Answer invited = post("/v2/accounts/" + accountId + "/users", inviterToken, "{\"users\":[{\"email\":\""
                + email + "\",\"account_role\":\"Member\",\"firstname\":\"Test\",\"lastname\":\"User\"}]}");
        if (invited.status() != 202) {
            throw new AssertionError("invitation refused: " + invited.raw());
        }
        String invitation = invited.body().get("resources").get(0).get("invitation_token").asText();
        Answer accepted = post("/v2/users/accept", null, "{\"invitation_token\":\"" + invitation
                + "\",\"password\":\"" + password + "\"}");
        if (accepted.status() != 202) {
            throw new AssertionError("acceptance refused: " + accepted.raw());
        }
    }

    /** {@code GET /v1/classic/authenticate} with HTTP Basic: a classic infrastructure key's user name and value. */
    public Answer classicAuthenticate(String user, String secret) {
        String basic = Base64.getEncoder().encodeToString((user + ":" + secret)
                .getBytes(StandardCharsets.UTF_8));
        return call("GET", "/v1/classic/authenticate", null, null, Map.of("Authorization", "Basic " + basic));
    }

    public Answer get(String path, String token) {
        return call("GET", path, token, null, Map.of());
    }

    public Answer post(String path, String token, String jsonBody) {
        return call("POST", path, token, jsonBody, Map.of());
    }

    public Answer delete(String path, String token) {
        return call("DELETE", path, token, null, Map.of());
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String raw = response.body();
            JsonNode body = raw == null || raw.isEmpty() ? null : JSON.readTree(raw);
            return new Answer(response.statusCode(), body, response.headers(), raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        wiring.close();
    }
}
