package dev.latchkey.cli.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.StubIamServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on a free loopback port standing in for a Latchkey server's leak intake: it issues access
 * tokens and answers {@code POST /v1/leaks} the way a GitHub secret-scanning partner does, labelling each token
 * {@code true_positive} when it is one of {@link #known()} and {@code false_positive} otherwise. Records requests.
 */
final class LeakIntakeServer implements AutoCloseable {
    static final String ACCESS_TOKEN = StubIamServer.jwt("IBMid-110000AB1Z", "0123456789abcdef0123456789abcdef");

    /** A request to the leak intake as it arrived. */
    record Request(String method, String authorization, String contentType, String body) {
        JsonNode json() {
            return Json.parse(body);
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private volatile boolean answerWithHashes;
    private volatile int failWith;

    LeakIntakeServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/identity/token", this::token);
        server.createContext("/v1/leaks", this::leaks);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Tokens the server recognises as its own keys. */
    Set<String> known() {
        return known;
    }

    /** Answer with {@code token_hash} (hex SHA-256) instead of {@code token_raw}, as GitHub allows. */
    void answerWithHashes() {
        answerWithHashes = true;
    }

    /** Answer every leak report with this status and an IBM error body. */
    void failWith(int status) {
        failWith = status;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void token(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        long expiration = Instant.now().getEpochSecond() + 3600;
        send(exchange, 200, "{\"access_token\":\"" + ACCESS_TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
                + "\"expiration\":" + expiration + "}");
    }

    private void leaks(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Content-Type"), body);
        requests.add(request);
        if (failWith != 0) {
            send(exchange, failWith, "{\"errors\":[{\"code\":\"not_found\",\"message_code\":\"BXNIM0102E\","
                    + "\"message\":\"No leak intake here.\"}],\"status_code\":" + failWith + ",\"trace\":\"t\"}");
            return;
        }
        ArrayNode answer = JsonNodeFactory.instance.arrayNode();
        for (JsonNode report : request.json()) {
            String token = report.path("token").asText();
            var entry = answer.addObject();
            if (answerWithHashes) {
                entry.put("token_hash", sha256(token));
            } else {
                entry.put("token_raw", token);
            }
            entry.put("token_type", report.path("type").asText());
            entry.put("label", known.contains(token) ? "true_positive" : "false_positive");
        }
        send(exchange, 200, Json.compact(answer));
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String sha256(String token) {
        try {
            // Upper case on purpose: hex is hex, and the client must not care.
            return HexFormat.of().withUpperCase().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
