package dev.latchkey.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.token.SigningKeyRing;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A request is counted before its response leaves: a client (or a test, or a scrape it triggers) that has its answer
 * finds it in the metrics. The counters here take their time on purpose, so a count made after the response is
 * written is still missing when the client reads the answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestCountsTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private HttpServer server;
    private String url;

    @BeforeAll
    void start() {
        HttpMetrics slow = new HttpMetrics() {
            @Override
            public Count requests(String method, String template, String statusClass) {
                return slowly(method + " " + template + " " + statusClass);
            }

            @Override
            public Timing tokenExchanges(String grantType, String outcome, String algorithm) {
                return nanos -> { };
            }

            @Override
            public Count keyDetails(String outcome) {
                return slowly("details " + outcome);
            }
        };
        RouteTable routes = new RouteTable()
                .direct(HandlerType.GET, "/direct", Audience.PUBLIC, (exchange, caller) -> exchange.json(200, "direct"))
                .get("/standard", Audience.PUBLIC, (ctx, caller) -> Json.send(ctx, 200, "javalin"));
        AccessTokenVerifier verifier = new AccessTokenVerifier(SigningKeyRing.inMemory(SigningKeyRing.ES256),
                "http://localhost/identity", Clock.systemUTC(), (iamId, account) -> true);
        server = new HttpServer(routes, verifier, Health.NONE, List.of(), ClientOrigin.direct(), null, slow)
                .start("127.0.0.1", 0);
        url = "http://127.0.0.1:" + server.port();
    }

    private HttpMetrics.Count slowly(String name) {
        AtomicInteger count = counts.computeIfAbsent(name, k -> new AtomicInteger());
        return () -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            count.incrementAndGet();
        };
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void aDirectRouteIsCountedBeforeItsAnswerLeaves() throws Exception {
        assertThat(get("/direct")).isEqualTo(200);
        assertThat(count("GET /direct 2xx")).isEqualTo(1);
    }

    @Test
    void aJavalinRouteAndAnUnmatchedPathAreCountedBeforeTheirAnswersLeave() throws Exception {
        assertThat(get("/standard")).isEqualTo(200);
        assertThat(count("GET /standard 2xx")).isEqualTo(1);
        assertThat(get("/no/such/path")).isEqualTo(404);
        assertThat(count("GET " + HttpMetrics.UNMATCHED + " 4xx")).isEqualTo(1);
    }

    private int count(String name) {
        AtomicInteger count = counts.get(name);
        return count == null ? 0 : count.get();
    }

    private int get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
