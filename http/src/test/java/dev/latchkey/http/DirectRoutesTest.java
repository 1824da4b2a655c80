package dev.latchkey.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.token.SigningKeyRing;
import io.javalin.http.HandlerType;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link DirectRoutes} over a real port: a direct route gets what Javalin gives every other route (trace id,
 * authentication by audience, IBM error bodies, 405 and 404) and other requests still reach Javalin.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DirectRoutesTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicReference<String> seenIp = new AtomicReference<>();
    private HttpServer server;
    private String url;

    @BeforeAll
    void start() {
        SigningKeyRing ring = SigningKeyRing.inMemory(SigningKeyRing.ES256);
        RouteTable routes = new RouteTable()
                .direct(HandlerType.POST, "/echo", Audience.PUBLIC, (exchange, caller) -> {
                    seenIp.set(exchange.ip());
                    exchange.header("Cache-Control", "no-store").send(201, "text/plain",
                            (exchange.queryParam("prefix") + new String(exchange.body(), StandardCharsets.UTF_8))
                                    .getBytes(StandardCharsets.UTF_8));
                })
                .direct(HandlerType.GET, "/nothing", Audience.PUBLIC, (exchange, caller) -> { })
                .direct(HandlerType.GET, "/refuse", Audience.PUBLIC, (exchange, caller) -> {
                    exchange.json(200, "not sent: the exception below replaces it");
                    throw DomainException.invalid("Refused on purpose.");
                })
                .direct(HandlerType.GET, "/boom", Audience.PUBLIC, (exchange, caller) -> {
                    throw new IllegalStateException("internal detail that must not reach the client");
                })
                .direct(HandlerType.GET, "/mine", Audience.AUTHENTICATED, (exchange, caller) ->
                        exchange.json(200, caller.iamId()))
                .get("/standard", Audience.PUBLIC, (ctx, caller) -> Json.send(ctx, 200, "javalin"));
        server = new HttpServer(routes, new AccessTokenVerifier(ring, "http://localhost/identity", Clock.systemUTC(), (iamId, account) -> true),
                Health.NONE).start("127.0.0.1", 0);
        url = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void aDirectRouteReadsTheRequestAndSendsItsAnswer() throws Exception {
        HttpResponse<String> echo = send("POST", "/echo?prefix=got:", "hello", "Transaction-Id", "trace-1");
        assertThat(echo.statusCode()).isEqualTo(201);
        assertThat(echo.body()).isEqualTo("got:hello");
        assertThat(echo.headers().firstValue("Transaction-Id")).hasValue("trace-1");
        assertThat(echo.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(echo.headers().firstValue("Content-Type")).hasValue("text/plain");
        assertThat(seenIp.get()).isEqualTo("127.0.0.1");
        assertThat(send("POST", "/echo/", "x").statusCode()).as("trailing slash").isEqualTo(201);
        HttpResponse<String> nothing = send("GET", "/nothing", null);
        assertThat(nothing.statusCode()).as("no answer set: an empty 200").isEqualTo(200);
        assertThat(nothing.body()).isEmpty();
        assertThat(send("POST", "/echo", "y", "Transaction-Id", "bad id with spaces").headers()
                .firstValue("Transaction-Id")).hasValueSatisfying(id -> assertThat(id).startsWith("lk-"));
    }

    @Test
    void aBodyIsReadWholeHoweverItArrives() throws Exception {
        String large = "0123456789".repeat(50_000); // under the limit, and many of Jetty's reads
        HttpResponse<String> chunked = client.send(HttpRequest.newBuilder(URI.create(url + "/echo?prefix="))
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(large.getBytes(StandardCharsets.US_ASCII)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(201);
        assertThat(chunked.body().length()).as("chunked, no declared length").isEqualTo(large.length());
        assertThat(chunked.body().equals(large)).as("chunked, no declared length").isTrue();
        assertThat(send("POST", "/echo?prefix=", "").body()).as("empty").isEmpty();

        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /echo?prefix= HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\nConnection: close\r\n\r\nhello")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(300); // the route has read "hello" and waits for the rest
            out.write("world".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(answer).startsWith("HTTP/1.1 201").endsWith("\r\n\r\nhelloworld");
        }
    }

    @Test
    void failuresBecomeIbmErrorBodies() throws Exception {
        JsonNode refused = errorOf(send("GET", "/refuse", null, "Transaction-Id", "trace-2"), 400);
        assertThat(refused.get("errors").get(0).get("message").asText()).isEqualTo("Refused on purpose.");
        assertThat(refused.get("trace").asText()).isEqualTo("trace-2");

        HttpResponse<String> boom = send("GET", "/boom", null);
        JsonNode internal = errorOf(boom, 500);
        assertThat(internal.get("errors").get(0).get("message").asText()).contains("quote the trace id");
        assertThat(boom.body()).doesNotContain("internal detail");

        // Refused by its declared length without reading it (the client waits for 100 Continue, which never comes),
        // and by counting when the length is not declared (chunked).
        byte[] large = "a".repeat((int) RequestLimits.MAX_BODY_BYTES + 1).getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> declared = client.send(HttpRequest.newBuilder(URI.create(url + "/echo")).expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofByteArray(large)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(errorOf(declared, 413).get("errors").get(0).get("code").asText()).isEqualTo("request_too_large");
        HttpResponse<String> chunked = client.send(HttpRequest.newBuilder(URI.create(url + "/echo")).expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(large))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(errorOf(chunked, 413).get("errors").get(0).get("code").asText()).isEqualTo("request_too_large");
    }

    @Test
    void anAuthenticatedDirectRouteRefusesCallersWithoutAValidToken() throws Exception {
        assertThat(errorOf(send("GET", "/mine", null), 401).get("errors").get(0).get("message_code").asText())
                .isEqualTo("BXNIM0308E");
        assertThat(errorOf(send("GET", "/mine", null, "Authorization", "Bearer a.b.c"), 401)
                .get("errors").get(0).get("code").asText()).isEqualTo("invalid_access_token");
    }

    @Test
    void otherMethodsAndPathsGoOnToJavalin() throws Exception {
        JsonNode wrongMethod = errorOf(send("GET", "/echo", null), 405);
        assertThat(wrongMethod.get("errors").get(0).get("message").asText()).isEqualTo("Method GET is not allowed on /echo.");
        errorOf(send("GET", "/nowhere", null), 404);
        HttpResponse<String> standard = send("GET", "/standard", null, "Transaction-Id", "trace-3");
        assertThat(standard.body()).isEqualTo("\"javalin\"");
        assertThat(standard.headers().firstValue("Transaction-Id")).hasValue("trace-3");
    }

    private JsonNode errorOf(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = Json.MAPPER.readTree(response.body());
        assertThat(body.get("status_code").asInt()).isEqualTo(status);
        assertThat(body.get("trace").asText()).isNotBlank();
        return body;
    }

    private HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
