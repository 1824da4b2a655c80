package dev.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.latchkey.app.metrics.NodeMetrics;
import dev.latchkey.app.support.NotificationTestKit;
import dev.latchkey.app.support.NotificationTestKit.Key;
import dev.latchkey.app.support.Scrape;
import dev.latchkey.app.support.TestServer;
import dev.latchkey.app.support.TestServer.Answer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /metrics} on the management port of a real server (H2, mail to a real SMTP server): Prometheus text
 * that parses line by line, and counters that move with real requests: token exchanges by grant, outcome and
 * algorithm, key details by outcome, HTTP requests by route template and status class, cache hits and misses,
 * leak reports by action, password throttle refusals, outbox deliveries by channel, the requests in flight; the
 * pool's, the JVM's and the process's figures; the health routes on that port, {@code /metrics} absent from the
 * main port.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsTest {
    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);
    private static final String ISSUED = "issued";
    private final HttpClient client = HttpClient.newHttpClient();
    private TestServer server;
    private NotificationTestKit kit;
    private String management;

    @BeforeAll
    void start() {
        server = TestServer.start(TestServer.config(false).withManagementPort(0).withNotifications(
                NotificationTestKit.driven().withSmtp(NotificationTestKit.smtp(MAIL.getSmtp().getPort()))));
        kit = new NotificationTestKit(server);
        management = "http://127.0.0.1:" + server.wiring.managementPort();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String url, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Scrape scrape() {
        return scrape(management + "/metrics");
    }

    private Scrape scrape(String url) {
        try {
            HttpResponse<String> answer = get(url, null);
            assertThat(answer.statusCode()).isEqualTo(200);
            return Scrape.parse(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static double token(Scrape scrape, String grant, String outcome, String algorithm) {
        return scrape.value("latchkey_token_exchanges_seconds_count", "grant_type", grant, "outcome", outcome,
                "algorithm", algorithm);
    }

    private static double requests(Scrape scrape, String method, String route, String status) {
        return scrape.value("latchkey_http_requests_total", "method", method, "route", route, "status", status);
    }

    @Test
    void metricsArePrometheusTextAndOpenMetricsWhenAsked() throws Exception {
        server.token(server.adminKey);
        HttpResponse<String> text = get(management + "/metrics", "text/plain;version=0.0.4;q=0.5,*/*;q=0.1");
        assertThat(text.headers().firstValue("Content-Type")).hasValue(NodeMetrics.PROMETHEUS_TEXT);
        Scrape scrape = Scrape.parse(text.body());
        assertThat(scrape.types).containsEntry("latchkey_http_requests_total", "counter")
                .containsEntry("latchkey_token_exchanges_seconds", "histogram")
                .containsEntry("latchkey_outbox_pending", "gauge");
        assertThat(text.body()).contains("# HELP latchkey_http_requests_total HTTP requests answered on the main port\n");
        String buckets = "latchkey_token_exchanges_seconds_bucket{algorithm=\"RS256\",grant_type=\"apikey\",outcome=\"issued\",le=\"";
        assertThat(text.body()).contains(buckets + "0.001\"} ").contains(buckets + "+Inf\"} ");
        assertThat(scrape.value("latchkey_token_exchanges_seconds_bucket", "algorithm", "RS256", "grant_type", "apikey",
                "outcome", ISSUED, "le", "+Inf")).isEqualTo(token(scrape, "apikey", ISSUED, "RS256")).isPositive();

        HttpResponse<String> open = get(management + "/metrics",
                "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5");
        assertThat(open.statusCode()).isEqualTo(200);
        assertThat(open.headers().firstValue("Content-Type")).hasValue(NodeMetrics.OPENMETRICS_TEXT);
        assertThat(open.body()).endsWith("# EOF\n").contains("# TYPE latchkey_http_requests counter\n");
    }

    @Test
    void tokenExchangesAreTimedByGrantOutcomeAndAlgorithm() throws Exception {
        Scrape before = scrape();
        server.token(server.adminKey);
        assertThat(server.tokenFor("lk_" + "A".repeat(49)).status()).isEqualTo(400);
        assertThat(server.tokenRequest(Map.of("grant_type", "client_credentials"), Map.of()).status()).isEqualTo(400);
        assertThat(server.tokenRequest(Map.of("grant_type", "password", "username", "nobody@example.com", "password",
                "wrong-password"), Map.of()).status()).isEqualTo(400);
        Scrape after = scrape();
        assertThat(token(after, "apikey", ISSUED, "RS256") - token(before, "apikey", ISSUED, "RS256")).isEqualTo(1);
        assertThat(token(after, "apikey", "key_not_found", "none") - token(before, "apikey", "key_not_found", "none"))
                .isEqualTo(1);
        assertThat(token(after, "unknown", "invalid_request", "none")
                - token(before, "unknown", "invalid_request", "none")).isEqualTo(1);
        assertThat(token(after, "password", "bad_credentials", "none")
                - token(before, "password", "bad_credentials", "none")).isEqualTo(1);
        assertThat(after.value("latchkey_token_exchanges_seconds_sum", "algorithm", "RS256", "grant_type", "apikey",
                "outcome", ISSUED)).isPositive();
    }

    @Test
    void keyDetailsAreCountedByOutcome() throws Exception {
        String token = server.token(server.adminKey);
        Scrape before = scrape();
        assertThat(server.call("GET", "/v1/apikeys/details", token, null, Map.of("IAM-ApiKey", server.adminKey))
                .status()).isEqualTo(200);
        assertThat(server.call("GET", "/v1/apikeys/details", token, null, Map.of("IAM-ApiKey", "lk_" + "B".repeat(49)))
                .status()).isEqualTo(404);
        assertThat(server.call("GET", "/v1/apikeys/details", "not-a-token", null, Map.of("IAM-ApiKey", server.adminKey))
                .status()).isEqualTo(401);
        Scrape after = scrape();
        for (String outcome : new String[] {"found", "not_found", "unauthenticated"}) {
            assertThat(after.value("latchkey_key_details_total", "outcome", outcome)
                    - before.value("latchkey_key_details_total", "outcome", outcome)).as(outcome).isEqualTo(1);
        }
        assertThat(requests(after, "GET", "/v1/apikeys/details", "4xx")
                - requests(before, "GET", "/v1/apikeys/details", "4xx")).isEqualTo(2);
    }

    @Test
    void httpRequestsAreCountedByRouteTemplateAndStatusClassNeverByPath() throws Exception {
        String token = server.token(server.adminKey);
        Key key = kit.memberKey("counted-by-template");
        Scrape before = scrape();
        assertThat(server.get("/v1/apikeys/" + key.id(), token).status()).isEqualTo(200);
        assertThat(server.get("/v1/apikeys/ApiKey-does-not-exist", token).status()).isEqualTo(404);
        assertThat(server.get("/no/such/route/" + key.id(), token).status()).isEqualTo(404);
        assertThat(get(server.url + "/login", null).statusCode()).as("a console page").isEqualTo(200);
        Scrape after = scrape();
        assertThat(requests(after, "GET", "/v1/apikeys/{id}", "2xx") - requests(before, "GET", "/v1/apikeys/{id}", "2xx"))
                .isEqualTo(1);
        assertThat(requests(after, "GET", "/v1/apikeys/{id}", "4xx") - requests(before, "GET", "/v1/apikeys/{id}", "4xx"))
                .isEqualTo(1);
        assertThat(requests(after, "GET", "unmatched", "4xx") - requests(before, "GET", "unmatched", "4xx")).isEqualTo(1);
        assertThat(requests(after, "GET", "/login", "2xx") - requests(before, "GET", "/login", "2xx")).isEqualTo(1);
        assertThat(requests(after, "POST", "/identity/token", "2xx")).isPositive();
        assertThat(after.text).as("no path or id in a label").doesNotContain(key.id()).doesNotContain("/no/such/route");
        assertThat(after.text).as("the management port's own requests are not counted").doesNotContain("\"/metrics\"");
    }

    @Test
    void cacheHitsAndMissesAreCountedForEachCache() throws Exception {
        Key key = kit.memberKey("cached");
        Scrape before = scrape();
        server.token(key.value());
        Scrape once = scrape();
        server.token(key.value());
        Scrape twice = scrape();
        String gets = "cache_gets_total";
        assertThat(once.value(gets, "cache", "api_keys", "result", "miss")
                - before.value(gets, "cache", "api_keys", "result", "miss")).as("first lookup of the new key").isEqualTo(1);
        assertThat(twice.value(gets, "cache", "api_keys", "result", "hit")
                - once.value(gets, "cache", "api_keys", "result", "hit")).as("second lookup").isEqualTo(1);
        for (String cache : new String[] {"api_keys", "users", "memberships", "service_ids", "account_settings"}) {
            assertThat(twice.samples).as(cache).containsKey("cache_gets_total{cache=" + cache + ",result=hit}");
        }
    }

    @Test
    void leakReportsByActionAndOutboxDeliveriesByChannel() throws Exception {
        kit.deliver();
        Key disable = kit.keyOf(kit.memberToken, kit.member.iamId(), "leaked", null);
        assertThat(server.call("PUT", "/v1/apikeys/" + disable.id(), kit.memberToken,
                "{\"action_when_leaked\":\"disable\"}", Map.of("If-Match",
                        server.get("/v1/apikeys/" + disable.id(), kit.memberToken).header("Etag"))).status())
                .isEqualTo(200);
        Scrape before = scrape();
        Answer reported = server.post("/v1/leaks", kit.memberToken, "[{\"token\":\"" + disable.value()
                + "\",\"type\":\"latchkey_api_key\"},{\"token\":\"not-a-latchkey-key-at-all-0123456789\"}]");
        assertThat(reported.status()).as(reported.raw()).isEqualTo(200);
        Scrape reportedScrape = scrape();
        assertThat(reportedScrape.value("latchkey_leak_reports_total", "action", "disabled")
                - before.value("latchkey_leak_reports_total", "action", "disabled")).isEqualTo(1);
        assertThat(reportedScrape.value("latchkey_leak_reports_total", "action", "not_a_key")
                - before.value("latchkey_leak_reports_total", "action", "not_a_key")).isEqualTo(1);
        double waiting = reportedScrape.value("latchkey_outbox_pending", "channel", "email");
        assertThat(waiting).as("the owner and administrators are to be told").isGreaterThanOrEqualTo(2);

        assertThat(kit.deliver()).isEqualTo((int) waiting);
        Scrape delivered = scrape();
        assertThat(delivered.value("latchkey_outbox_delivered_total", "channel", "email")
                - before.value("latchkey_outbox_delivered_total", "channel", "email")).isEqualTo(waiting);
        assertThat(delivered.value("latchkey_outbox_pending", "channel", "email")).isZero();
        assertThat(delivered.samples).containsKey("latchkey_outbox_retries_total{channel=webhook}")
                .containsKey("latchkey_outbox_given_up_total{channel=email}");
    }

    @Test
    void passwordThrottleRefusalsAreCounted() throws Exception {
        Scrape before = scrape();
        Map<String, String> guess = Map.of("grant_type", "password", "username", "throttled@example.com", "password",
                "guess");
        for (int i = 0; i < 5; i++) {
            assertThat(server.tokenRequest(guess, Map.of()).status()).isEqualTo(400);
        }
        assertThat(server.tokenRequest(guess, Map.of()).status()).isEqualTo(429);
        Scrape after = scrape();
        assertThat(after.value("latchkey_password_throttle_refusals_total", "throttle", "sign_in")
                - before.value("latchkey_password_throttle_refusals_total", "throttle", "sign_in")).isEqualTo(1);
        assertThat(token(after, "password", "too_many_failures", "none")
                - token(before, "password", "too_many_failures", "none")).isEqualTo(1);
        assertThat(after.samples).containsKey("latchkey_password_throttle_refusals_total{throttle=password_reset}");
    }

    @Test
    void requestsInFlightCountARequestFromItsHeadersToItsAnswer() throws Exception {
        NotificationTestKit.await("nothing to be in flight", Duration.ofSeconds(10),
                () -> scrape().value("latchkey_http_requests_in_flight") == 0);
        byte[] body = ("grant_type=urn:ibm:params:oauth:grant-type:apikey&apikey=" + TestServer.enc(server.adminKey))
                .getBytes(StandardCharsets.UTF_8);
        int half = body.length / 2;
        try (Socket socket = new Socket("127.0.0.1", server.wiring.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /identity/token HTTP/1.1\r\nHost: latchkey\r\nContent-Type: "
                    + "application/x-www-form-urlencoded\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, half);
            out.flush();
            NotificationTestKit.await("the half-sent request to be in flight", Duration.ofSeconds(10),
                    () -> scrape().value("latchkey_http_requests_in_flight") == 1);
            out.write(body, half, body.length - half);
            out.flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertThat(status).as("the answer's status line").startsWith("HTTP/1.1 200");
        }
        NotificationTestKit.await("the answered request to leave the gauge", Duration.ofSeconds(10),
                () -> scrape().value("latchkey_http_requests_in_flight") == 0);
    }

    @Test
    void thePoolTheJvmAndTheProcessAreThere() throws Exception {
        Scrape scrape = scrape();
        assertThat(scrape.value("hikaricp_connections_max", "pool", "latchkey")).as("embedded H2's default pool")
                .isEqualTo(16);
        assertThat(scrape.has("hikaricp_connections_active")).isTrue();
        assertThat(scrape.has("hikaricp_connections_acquire_seconds_count")).isTrue();
        for (String name : new String[] {"jvm_memory_used_bytes", "jvm_gc_memory_allocated_bytes_total",
                "jvm_threads_live_threads", "jvm_classes_loaded_classes", "jvm_info", "process_cpu_usage",
                "process_uptime_seconds", "process_files_open_files", "system_cpu_count"}) {
            assertThat(scrape.has(name)).as(name).isTrue();
        }
        assertThat(scrape.has("latchkey_change_feed_connected")).as("H2 has no change feed").isFalse();
    }

    @Test
    void theHealthRoutesAreOnTheManagementPortTooAndMetricsAreNotOnTheMainPort() throws Exception {
        for (String path : new String[] {"/health", "/health/live", "/health/ready"}) {
            HttpResponse<String> there = get(management + path, null);
            Answer main = server.get(path, null);
            assertThat(there.statusCode()).as(path).isEqualTo(200).isEqualTo(main.status());
            assertThat(TestServer.JSON.readTree(there.body())).as(path).isEqualTo(main.body());
        }
        Answer notHere = server.get("/metrics", null);
        assertThat(notHere.status()).isEqualTo(404);
        assertThat(notHere.errorCode()).isEqualTo("not_found");
        HttpResponse<String> api = get(management + "/v1/apikeys", null);
        assertThat(api.statusCode()).as("the API is not on the management port").isEqualTo(404);
        assertThat(TestServer.JSON.readTree(api.body()).path("errors").path(0).path("code").asText()).isEqualTo("not_found");
        assertThat(get(management + "/identity/token", null).statusCode()).isEqualTo(404);
    }

    @Test
    void onPostgresTheChangeFeedSaysItListensAndCountsWhatItReceives() {
        try (TestServer pg = TestServer.start(TestServer.config(true).withManagementPort(0))) {
            String url = "http://127.0.0.1:" + pg.wiring.managementPort() + "/metrics";
            assertThat(scrape(url).value("hikaricp_connections_max", "pool", "latchkey"))
                    .as("PostgreSQL's default pool: four per core, from 8 to 16")
                    .isEqualTo(Math.min(16, Math.max(8, 4 * Runtime.getRuntime().availableProcessors())));
            NotificationTestKit.await("the change feed to listen", Duration.ofSeconds(10),
                    () -> scrape(url).value("latchkey_change_feed_connected") == 1);
            double before = scrape(url).value("latchkey_change_feed_events_total");
            String token = pg.token(pg.adminKey);
            String me = pg.get("/v1/apikeys", token).body().get("apikeys").get(0).get("iam_id").asText();
            Answer created = pg.post("/v1/apikeys", token, "{\"name\":\"notified\",\"iam_id\":\"" + me + "\"}");
            assertThat(pg.post("/v1/apikeys/" + created.body().get("id").asText() + "/disable", token, null).status())
                    .as("a change every node is told of").isEqualTo(204);
            NotificationTestKit.await("the disabled key's NOTIFY to be received", Duration.ofSeconds(10),
                    () -> scrape(url).value("latchkey_change_feed_events_total") > before);
        }
    }

    @Test
    void aPoolSizeGivenIsThePoolsSize() {
        try (TestServer sized = TestServer.start(TestServer.config(false).withManagementPort(0).withDbPoolSize(3))) {
            String url = "http://127.0.0.1:" + sized.wiring.managementPort() + "/metrics";
            assertThat(scrape(url).value("hikaricp_connections_max", "pool", "latchkey")).isEqualTo(3);
            assertThat(sized.token(sized.adminKey)).as("and it serves").isNotBlank();
        }
    }

    @Test
    void withoutAManagementPortNothingIsServedForIt() {
        try (TestServer plain = TestServer.h2()) {
            assertThat(plain.wiring.managementPort()).isEqualTo(ServerConfig.NO_MANAGEMENT_PORT);
            assertThat(plain.get("/metrics", null).status()).isEqualTo(404);
            assertThat(plain.get("/health/ready", null).status()).isEqualTo(200);
        }
    }
}
