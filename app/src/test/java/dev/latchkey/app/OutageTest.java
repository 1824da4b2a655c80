package dev.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.app.support.Scrape;
import dev.latchkey.app.support.TestServer.Answer;
import dev.latchkey.app.support.TcpProxy;
import dev.latchkey.app.support.TestServer;
import dev.latchkey.store.CacheTiming;
import dev.latchkey.store.Postgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The database goes away under a running server and comes back. The server's own database connection runs
 * through a {@link TcpProxy}, which the test cuts (every connection closed, new ones refused) and restores; the
 * machine's PostgreSQL is not touched. Within 2 s management routes answer 503 with IBM's body and {@code
 * Retry-After}, and the health routes say "database unavailable"; token exchange and key details keep answering
 * for keys already in memory, past the cache TTL; a key never read fails like the database does; the uses made in
 * the outage are counted once it is back; and it comes back without anyone's help.
 */
class OutageTest {
    private static final Duration TTL = Duration.ofSeconds(1);

    @Test
    void managementFailsFastHealthSaysSoTheTokenPathServesWhatItHoldsAndAllRecovers() throws Exception {
        String direct = Postgres.freshSchemaUrl();
        Matcher hostPort = Pattern.compile("//([^/:]+):(\\d+)/").matcher(direct);
        assertThat(hostPort.find()).as(direct).isTrue();
        try (TcpProxy proxy = TcpProxy.to(Integer.parseInt(hostPort.group(2)));
             TestServer server = TestServer.start(ServerConfig.defaults(Files.createTempDirectory("latchkey-outage"))
                     .withPort(0).withDatabase(hostPort.replaceFirst("//127.0.0.1:" + proxy.port() + "/"), Postgres.USER, null)
                     .withCaches(new CacheTiming(TTL, Duration.ofMinutes(5), 1_000)).withManagementPort(0))) {
            String owner = server.token(server.adminKey);
            String iamId = server.get("/v1/apikeys", owner).body().get("apikeys").get(0).get("iam_id").asText();
            JsonNode cached = server.post("/v1/apikeys", owner, "{\"name\":\"cached\",\"iam_id\":\"" + iamId + "\"}").body();
            String cachedKey = cached.get("apikey").asText();
            String neverRead = server.post("/v1/apikeys", owner, "{\"name\":\"never-read\",\"iam_id\":\"" + iamId
                    + "\"}").body().get("apikey").asText();
            String callerToken = server.token(cachedKey); // the key, its user, membership and settings are in memory
            assertThat(details(server, callerToken, cachedKey).status()).isEqualTo(200);

            proxy.cut();
            long cutAt = System.nanoTime();
            assertThat(within(Duration.ofSeconds(2), () -> server.get("/health", null).status() == 503))
                    .as("/health says 503 within 2 s").isTrue();
            Answer health = server.get("/health", null);
            assertThat(health.body().get("status").asText()).isEqualTo("database unavailable");
            Answer ready = server.get("/health/ready", null);
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.body().get("checks").get("database").asText()).isEqualTo("unavailable");
            assertThat(ready.body().get("checks").get("signing_key").asText()).isEqualTo("ok");
            assertThat(server.get("/health/live", null).status()).as("the process itself still serves").isEqualTo(200);
            long noticed = System.nanoTime() - cutAt;
            assertThat(noticed).as("health noticed within 2 s").isLessThan(Duration.ofSeconds(2).toNanos());

            long asked = System.nanoTime();
            Answer refused = server.get("/v1/apikeys", owner);
            long refusedIn = System.nanoTime() - asked;
            assertThat(refusedIn).as("a management route fails fast").isLessThan(Duration.ofSeconds(2).toNanos());
            assertThat(refused.status()).as(refused.raw()).isEqualTo(503);
            assertThat(refused.header("Retry-After")).isEqualTo("5");
            assertThat(refused.errorCode()).isEqualTo("service_unavailable");
            assertThat(refused.body().get("errors").get(0).get("message_code").asText()).isEqualTo("LKIAM0503E");
            assertThat(refused.body().get("trace").asText()).isEqualTo(refused.header("Transaction-Id"));

            Thread.sleep(TTL.multipliedBy(2).toMillis()); // every cached value is now older than the TTL
            for (int i = 0; i < 3; i++) {
                assertThat(server.tokenFor(cachedKey).status()).as("a cached key still gets a token").isEqualTo(200);
            }
            assertThat(details(server, callerToken, cachedKey).status()).as("and its details").isEqualTo(200);
            Scrape metrics = scrape(server);
            assertThat(metrics.value("latchkey_cache_stale_answers_total", "cache", "api_keys"))
                    .as("the operator sees the key answered from memory past the TTL").isGreaterThanOrEqualTo(3);
            assertThat(metrics.value("latchkey_cache_stale_answers_total", "cache", "users")).isGreaterThan(0);
            Answer unknown = server.tokenFor(neverRead);
            assertThat(unknown.status()).as("a key never read cannot be checked: %s", unknown.raw()).isEqualTo(503);

            proxy.restore();
            long restoredAt = System.nanoTime();
            assertThat(within(Duration.ofSeconds(10), () -> server.get("/health", null).status() == 200))
                    .as("recovers by itself").isTrue();
            long recovered = System.nanoTime() - restoredAt;
            assertThat(within(Duration.ofSeconds(10), () -> server.get("/v1/apikeys", owner).status() == 200)).isTrue();
            assertThat(server.tokenFor(neverRead).status()).isEqualTo(200);
            server.wiring.flushActivity();
            JsonNode activity = server.get("/v1/apikeys/" + cached.get("id").asText() + "?include_activity=true", owner)
                    .body().get("activity");
            assertThat(activity.get("authn_count").asLong()).as("uses made during the outage are counted: %s", activity)
                    .isGreaterThanOrEqualTo(4);
            System.out.printf("outage: /health 503 after %d ms, a management request refused in %d ms, "
                    + "healthy %d ms after the restore%n", noticed / 1_000_000, refusedIn / 1_000_000, recovered / 1_000_000);
        }
    }

    private static Scrape scrape(TestServer server) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + server.wiring.managementPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            return Scrape.parse(answer.body());
        }
    }

    private static Answer details(TestServer server, String token, String key) {
        return server.call("GET", "/v1/apikeys/details", token, null, Map.of("IAM-ApiKey", key));
    }

    private static boolean within(Duration limit, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.get()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.get();
    }
}
