package dev.latchkey.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on a free loopback port that answers with canned IBM-shaped JSON and records
 * every request. Replies are matched on method and path plus query first, then on method and path.
 */
public final class StubIamServer implements AutoCloseable {
    /** A request as the server saw it. */
    public record Request(String method, String uri, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private record Reply(int status, String body, Map<String, String> headers) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Reply> replies = new ConcurrentHashMap<>();

    public StubIamServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers {@code method target} (a path, optionally with its query) with this status and JSON body. */
    public StubIamServer on(String method, String target, int status, String body, Map<String, String> headers) {
        replies.put(method + " " + target, new Reply(status, body, headers));
        return this;
    }

    public StubIamServer on(String method, String target, int status, String body) {
        return on(method, target, status, body, Map.of());
    }

    /** Makes the token endpoint issue a JWT for this identity, valid for an hour. */
    public StubIamServer issuesTokensFor(String iamId, String accountId) {
        long expiration = Instant.now().getEpochSecond() + 3600;
        String body = "{\"access_token\":\"" + jwt(iamId, accountId) + "\",\"refresh_token\":\"not_supported\","
                + "\"token_type\":\"Bearer\",\"expires_in\":3600,\"expiration\":" + expiration + ",\"scope\":\"ibm openid\"}";
        return on("POST", "/identity/token", 200, body);
    }

    /** An unsigned JWT with IBM's {@code iam_id} and {@code account.bss} claims; the CLI never checks signatures. */
    public static String jwt(String iamId, String accountId) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        String header = encoder.encodeToString("{\"alg\":\"RS256\",\"kid\":\"test\"}".getBytes(StandardCharsets.UTF_8));
        String payload = encoder.encodeToString(("{\"iam_id\":\"" + iamId + "\",\"account\":{\"valid\":true,\"bss\":\""
                + accountId + "\"}}").getBytes(StandardCharsets.UTF_8));
        return header + "." + payload + ".c2lnbmF0dXJl";
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Requests whose method is {@code method} and whose URI starts with {@code prefix}. */
    public List<Request> requests(String method, String prefix) {
        return requests.stream().filter(r -> r.method().equals(method) && r.uri().startsWith(prefix)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String uri = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(exchange.getRequestMethod(), uri, Map.copyOf(exchange.getRequestHeaders()), body));
        Reply reply = replies.get(exchange.getRequestMethod() + " " + uri);
        if (reply == null) {
            reply = replies.get(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath());
        }
        if (reply == null) {
            reply = new Reply(404, "{\"errors\":[{\"code\":\"not_found\",\"message_code\":\"BXNIM0102E\","
                    + "\"message\":\"No stub for " + exchange.getRequestMethod() + " " + uri + "\"}],\"status_code\":404,"
                    + "\"trace\":\"stub\"}", Map.of());
        }
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        if (reply.status() == 204) {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            return;
        }
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
