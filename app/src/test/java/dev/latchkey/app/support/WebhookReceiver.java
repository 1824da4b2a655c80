package dev.latchkey.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver as a Latchkey user would write one, on the JDK's HTTP server on a free port: it checks
 * {@code Latchkey-Signature} (HMAC-SHA256 of {@code "<t>.<body>"} with the endpoint secret, written here from the
 * README's description rather than with Latchkey's own code), refuses stale or wrong signatures with 401, and
 * processes each {@code Latchkey-Event-Id} once, answering 2xx to repeats. Statuses to answer can be queued, e.g.
 * a 500 after processing, as a receiver that crashed before answering would.
 */
public final class WebhookReceiver implements AutoCloseable {
    /** One request as it arrived; header names lower-cased. */
    public record Request(Map<String, String> headers, String body, boolean signatureValid) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final HttpServer http;
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> processedEvents = Collections.synchronizedSet(new LinkedHashSet<>());
    private final List<JsonNode> processed = Collections.synchronizedList(new ArrayList<>());
    private final Queue<Integer> answers = new ConcurrentLinkedQueue<>();
    private volatile int defaultStatus = 200;
    private volatile String secret;

    public WebhookReceiver() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/hook", this::handle);
        http.start();
    }

    public String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/hook";
    }

    public void secret(String value) {
        this.secret = value;
    }

    /** Answers these statuses first (after processing), then {@code defaultStatus}. */
    public void answer(Integer... statuses) {
        answers.addAll(List.of(statuses));
    }

    public void alwaysAnswer(int status) {
        defaultStatus = status;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<JsonNode> processed() {
        return List.copyOf(processed);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = exchange.getRequestHeaders().entrySet().stream().collect(Collectors.toMap(
                e -> e.getKey().toLowerCase(Locale.ROOT), e -> e.getValue().get(0), (a, b) -> a));
        boolean valid = "POST".equals(exchange.getRequestMethod()) && verify(headers.get("latchkey-signature"), body);
        requests.add(new Request(headers, body, valid));
        int status;
        if (!valid) {
            status = 401;
        } else {
            String eventId = headers.get("latchkey-event-id");
            if (processedEvents.add(eventId)) {
                processed.add(TestServer.JSON.readTree(body));
            }
            Integer queued = answers.poll();
            status = queued != null ? queued : defaultStatus;
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private boolean verify(String header, String body) {
        if (header == null || secret == null) {
            return false;
        }
        Map<String, String> parts = java.util.Arrays.stream(header.split(",")).map(p -> p.split("=", 2))
                .filter(p -> p.length == 2).collect(Collectors.toMap(p -> p[0], p -> p[1], (a, b) -> a));
        try {
            long t = Long.parseLong(parts.getOrDefault("t", ""));
            if (Math.abs(Instant.now().getEpochSecond() - t) > 300) {
                return false;
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)))
                    .getBytes(StandardCharsets.US_ASCII);
            return MessageDigest.isEqual(expected, parts.getOrDefault("v1", "").getBytes(StandardCharsets.US_ASCII));
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
