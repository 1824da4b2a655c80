package dev.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.app.support.RawHttp;
import dev.latchkey.app.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What reaches the server as HTTP but not as a request a route can read is answered like every other error: IBM's
 * body with a {@code Transaction-Id}, never Jetty's HTML or an empty body. HEAD goes through the same
 * authentication as GET.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpEdgeTest {
    private TestServer server;
    private String token;

    @BeforeAll
    void start() {
        server = TestServer.h2();
        token = server.token(server.adminKey);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private static void assertIbmError(RawHttp.Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        assertThat(reply.header("Transaction-Id")).isNotBlank();
        assertThat(reply.json().path("status_code").asInt()).isEqualTo(status);
        assertThat(reply.json().path("trace").asText()).isEqualTo(reply.header("Transaction-Id"));
        assertThat(reply.json().path("errors").path(0).path("code").asText()).isEqualTo(code);
        assertThat(reply.json().path("errors").path(0).path("message_code").asText()).matches("(BXNIM|LKIAM)\\d{4}E");
    }

    @Test
    void aTooLongUriOrTooLargeHeadersGetIbmsBody() {
        assertIbmError(RawHttp.get(server.url, "/v1/apikeys?x=" + "a".repeat(20_000)), 414, "uri_too_long");
        assertIbmError(RawHttp.get(server.url, "/v1/apikeys", "X-Padding: " + "p".repeat(20_000)), 431,
                "request_header_fields_too_large");
    }

    @Test
    void aBearerTokenTooLargeToBeOneOfOursIs401() {
        RawHttp.Reply reply = RawHttp.get(server.url, "/v1/apikeys", "Authorization: Bearer " + "e".repeat(8_192));
        assertIbmError(reply, 401, "invalid_access_token");
        assertThat(reply.body()).doesNotContain("eeeeeeee");
    }

    @Test
    void badPathsMissingHostAndConflictingFramingGetIbmsBody() {
        assertIbmError(RawHttp.get(server.url, "/v1/apikeys/%00"), 400, "invalid_request");
        assertIbmError(RawHttp.get(server.url, "/v1/apikeys/%C3%28"), 400, "invalid_request");
        assertIbmError(RawHttp.send(server.url, "GET /v1/apikeys HTTP/1.1\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1)), 400, "invalid_request");
        assertIbmError(RawHttp.send(server.url, ("POST /v1/apikeys HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1)),
                400, "invalid_request");
    }

    @Test
    void headNeedsWhatGetNeeds() {
        for (String path : new String[] {"/v1/apikeys", "/v1/serviceids", "/v1/policies", "/v1/leaks", "/v2/roles", "/v1/accounts"}) {
            RawHttp.Reply anonymous = RawHttp.send(server.url, ("HEAD " + path + " HTTP/1.1\r\nHost: x\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            assertThat(anonymous.status()).as("HEAD %s without a token", path).isEqualTo(401);
            assertThat(anonymous.body()).as("a HEAD answer has no body").isEmpty();
            RawHttp.Reply signedIn = RawHttp.send(server.url, ("HEAD " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: "
                    + "Bearer " + token + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            assertThat(signedIn.status()).as("HEAD %s with the owner's token answers as GET does", path)
                    .isEqualTo(server.get(path, token).status());
            assertThat(signedIn.body()).isEmpty();
        }
    }

    /**
     * A client that trickles its request is cut off: headers must be complete within 10 s (each byte used to start
     * Jetty's idle timeout again), a body must average 4 KiB/s after a 5 s grace, on the servlet routes and on the
     * direct token route alike. All three are tried at once to keep the test short; a prompt request on the same
     * server meanwhile is not disturbed.
     */
    @Test
    void slowClientsAreCutOff() throws Exception {
        var all = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
        var headers = all.submit(() -> trickle("GET /v1/apikeys HTTP/1.1\r\nHost: x\r\nX-Slow: ", Duration.ofSeconds(30)));
        var body = all.submit(() -> trickle("POST /v1/apikeys HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{", Duration.ofSeconds(30)));
        var tokenBody = all.submit(() -> trickle("POST /identity/token HTTP/1.1\r\nHost: x\r\nContent-Type: "
                + "application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\ngrant_type=", Duration.ofSeconds(30)));
        all.shutdown();
        assertThat(server.get("/v1/apikeys", token).status()).isEqualTo(200);
        assertThat(headers.get().closedAfter()).as("closed after the 10 s header deadline")
                .isBetween(Duration.ofSeconds(10), Duration.ofSeconds(12));
        for (Trickled slowBody : List.of(body.get(), tokenBody.get())) {
            assertThat(slowBody.closedAfter()).as("a trickled body is cut off after the 5 s grace: %s", slowBody)
                    .isBetween(Duration.ofSeconds(5), Duration.ofSeconds(7));
            assertThat(slowBody.reply()).as("no answer to a request that never arrived").isEmpty();
        }
    }

    record Trickled(Duration closedAfter, String reply) {
    }

    /** Sends {@code start}, then one more byte every 200 ms until the server closes the connection or {@code limit}. */
    private Trickled trickle(String start, Duration limit) {
        long began = System.nanoTime();
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", Integer.parseInt(server.url.replaceAll(".*:", "")))) {
            socket.setSoTimeout(200);
            socket.getOutputStream().write(start.getBytes(StandardCharsets.ISO_8859_1));
            StringBuilder reply = new StringBuilder();
            byte[] buffer = new byte[4096];
            while (System.nanoTime() - began < limit.toNanos()) {
                try {
                    int n = socket.getInputStream().read(buffer);
                    if (n < 0) {
                        return new Trickled(Duration.ofNanos(System.nanoTime() - began), reply.toString());
                    }
                    reply.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                } catch (java.net.SocketTimeoutException nothingYet) {
                    try {
                        socket.getOutputStream().write('a');
                    } catch (java.io.IOException closed) {
                        return new Trickled(Duration.ofNanos(System.nanoTime() - began), reply.toString());
                    }
                }
            }
            return new Trickled(limit, reply.toString());
        } catch (java.io.IOException e) {
            return new Trickled(Duration.ofNanos(System.nanoTime() - began), "failed: " + e);
        }
    }
}
