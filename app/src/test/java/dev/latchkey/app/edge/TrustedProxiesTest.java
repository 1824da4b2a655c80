package dev.latchkey.app.edge;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.app.EdgeConfig;
import dev.latchkey.app.support.Fixtures;
import dev.latchkey.app.support.Fixtures.Person;
import dev.latchkey.app.support.TestServer;
import dev.latchkey.app.support.TestServer.Answer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * {@code --trusted-proxies}: forwarding headers are believed from a trusted peer only. Two servers on H2: one that
 * trusts no proxy and one that trusts 127.0.0.1, where the tests run; each account allows 203.0.113.0/24 only.
 */
class TrustedProxiesTest {
    private static final String ALLOWED = "203.0.113.7";
    private static TestServer direct;
    private static TestServer behindProxy;
    private final ListAppender<ILoggingEvent> access = new ListAppender<>();
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() {
        direct = TestServer.h2();
        behindProxy = TestServer.start(TestServer.config(false).withEdge(new EdgeConfig("127.0.0.1, 10.0.0.0/8", null)));
    }

    @AfterAll
    static void stop() {
        direct.close();
        behindProxy.close();
    }

    @BeforeEach
    void watchAccessLines() {
        access.start();
        ((Logger) LoggerFactory.getLogger("latchkey.access")).addAppender(access);
    }

    @AfterEach
    void stopWatching() {
        ((Logger) LoggerFactory.getLogger("latchkey.access")).detachAppender(access);
    }

    /** An account whose allow-list is 203.0.113.0/24; its owner's key and a token got before the list was set. */
    private static Person restrictedAccount(TestServer server) {
        Person owner = new Fixtures(server).accountWithOwner();
        String token = server.token(owner.apikey());
        Answer set = server.call("PUT", "/v1/accounts/" + owner.accountId() + "/settings/identity", token,
                "{\"allowed_ip_addresses\":\"203.0.113.0/24\"}", Map.of("If-Match", "*"));
        assertThat(set.status()).as(set.raw()).isEqualTo(200);
        return owner;
    }

    private static Answer token(TestServer server, String apikey, Map<String, String> headers) {
        return server.tokenRequest(Map.of("grant_type", TestServer.APIKEY_GRANT, "apikey", apikey), headers);
    }

    @Test
    void aForgedForwardedForSentDirectlyDoesNotGetPastTheAllowList() throws Exception {
        Person owner = restrictedAccount(direct);
        String trace = "forged-" + System.nanoTime();
        Answer forged = token(direct, owner.apikey(), Map.of("X-Forwarded-For", ALLOWED, "Transaction-Id", trace));
        assertThat(forged.status()).as(forged.raw()).isEqualTo(400);
        assertThat(forged.body().get("errorCode").asText()).isEqualTo("LKIAM0466E");
        assertThat(forged.body().get("errorMessage").asText()).contains("127.0.0.1").doesNotContain(ALLOWED);
        assertThat(accessLine(trace)).contains(" client=127.0.0.1 ").doesNotContain(ALLOWED);

        Answer rfc7239 = token(direct, owner.apikey(), Map.of("Forwarded", "for=" + ALLOWED + ";proto=https"));
        assertThat(rfc7239.body().get("errorCode").asText()).isEqualTo("LKIAM0466E");

        String basic = Base64.getEncoder().encodeToString(("apikey:" + owner.apikey()).getBytes(StandardCharsets.UTF_8));
        Answer classic = direct.call("GET", "/v1/classic/authenticate", null, null,
                Map.of("Authorization", "Basic " + basic, "X-Forwarded-For", ALLOWED));
        assertThat(classic.status()).as("classic authentication checks the same list: " + classic.raw()).isEqualTo(401);

        // The console's sign-in checks the list with the same address.
        HttpResponse<String> signIn = consoleSignIn(direct, owner.apikey(), Map.of("X-Forwarded-For", ALLOWED));
        assertThat(signIn.statusCode()).isNotEqualTo(303);
        assertThat(signIn.body()).contains("127.0.0.1");
    }

    @Test
    void fromATrustedProxyTheForwardedAddressIsTheClients() throws Exception {
        Person owner = restrictedAccount(behindProxy);
        String trace = "proxied-" + System.nanoTime();
        Answer allowed = token(behindProxy, owner.apikey(), Map.of("X-Forwarded-For", ALLOWED, "Transaction-Id", trace));
        assertThat(allowed.status()).as(allowed.raw()).isEqualTo(200);
        assertThat(accessLine(trace)).contains(" client=" + ALLOWED + " ");

        assertThat(token(behindProxy, owner.apikey(), Map.of("Forwarded", "for=\"" + ALLOWED + ":5123\";proto=https"))
                .status()).as("RFC 7239").isEqualTo(200);
        assertThat(token(behindProxy, owner.apikey(), Map.of()).body().get("errorCode").asText())
                .as("the proxy itself forwarded nothing").isEqualTo("LKIAM0466E");

        // A client cannot prepend an allowed address: the right-most address that is not a trusted proxy counts.
        String spoof = "spoof-" + System.nanoTime();
        Answer prepended = token(behindProxy, owner.apikey(), Map.of("X-Forwarded-For", ALLOWED + ", 198.51.100.4, 10.1.1.1",
                "Transaction-Id", spoof));
        assertThat(prepended.body().get("errorCode").asText()).isEqualTo("LKIAM0466E");
        assertThat(prepended.body().get("errorMessage").asText()).contains("198.51.100.4");
        assertThat(accessLine(spoof)).contains(" client=198.51.100.4 ");
        assertThat(token(behindProxy, owner.apikey(), Map.of("X-Forwarded-For", "unknown")).body().get("errorCode")
                .asText()).as("not an address: no list matches it").isEqualTo("LKIAM0466E");

        String basic = Base64.getEncoder().encodeToString(("apikey:" + owner.apikey()).getBytes(StandardCharsets.UTF_8));
        Answer classic = behindProxy.call("GET", "/v1/classic/authenticate", null, null,
                Map.of("Authorization", "Basic " + basic, "X-Forwarded-For", ALLOWED));
        assertThat(classic.status()).as(classic.raw()).isEqualTo(200);

        String manage = "manage-" + System.nanoTime();
        String token = allowed.body().get("access_token").asText();
        assertThat(behindProxy.call("GET", "/v1/apikeys?account_id=" + owner.accountId(), token, null,
                Map.of("X-Forwarded-For", "2001:db8::5", "Transaction-Id", manage)).status()).isEqualTo(200);
        assertThat(accessLine(manage)).as("a Javalin route's line").contains(" client=2001:db8::5 ");

        HttpResponse<String> signIn = consoleSignIn(behindProxy, owner.apikey(), Map.of("X-Forwarded-For", ALLOWED));
        assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(303);
    }

    @Test
    void pagingLinksUseTheForwardedSchemeAndHostOnlyFromATrustedProxy() {
        Map<String, String> forwarded = Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "iam.example.com");
        String next = firstPageOfTwo(behindProxy, forwarded).get("next").asText();
        assertThat(next).startsWith("https://iam.example.com/v1/apikeys?");
        assertThat(firstPageOfTwo(behindProxy, Map.of("Forwarded", "for=" + ALLOWED + ";proto=https;host=id.example.org"))
                .get("first").asText()).startsWith("https://id.example.org/v1/apikeys?");
        assertThat(firstPageOfTwo(behindProxy, Map.of()).get("next").asText()).startsWith(behindProxy.url + "/v1/apikeys?");
        assertThat(firstPageOfTwo(direct, forwarded).get("next").asText()).startsWith(direct.url + "/v1/apikeys?");
    }

    @Test
    void theConsolesCookiesAreSecureWhenATrustedProxyReportsHttps() throws Exception {
        Map<String, String> https = Map.of("X-Forwarded-Proto", "https");
        assertThat(formCookie(behindProxy, https)).contains("Secure").contains("HttpOnly");
        assertThat(formCookie(behindProxy, Map.of())).doesNotContain("Secure");
        assertThat(formCookie(direct, https)).as("from an untrusted peer").doesNotContain("Secure");
    }

    private static JsonNode firstPageOfTwo(TestServer server, Map<String, String> headers) {
        String admin = server.token(server.adminKey);
        String account = accountOf(server, admin);
        server.post("/v1/apikeys", admin, "{\"name\":\"second\",\"iam_id\":\"" + iamIdOf(server, admin)
                + "\",\"account_id\":\"" + account + "\"}");
        Answer page = server.call("GET", "/v1/apikeys?account_id=" + account + "&pagesize=1", admin, null, headers);
        assertThat(page.status()).as(page.raw()).isEqualTo(200);
        assertThat(page.body().get("next").isTextual()).as(page.raw()).isTrue();
        return page.body();
    }

    private static String accountOf(TestServer server, String token) {
        return claim(token, "account");
    }

    private static String iamIdOf(TestServer server, String token) {
        return claim(token, "iam_id");
    }

    private static String claim(String token, String name) {
        try {
            JsonNode claims = TestServer.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
            return name.equals("account") ? claims.get("account").get("bss").asText() : claims.get(name).asText();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private String formCookie(TestServer server, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url + "/login")).GET();
        headers.forEach(request::header);
        HttpResponse<String> page = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        List<String> cookies = page.headers().allValues("Set-Cookie");
        assertThat(cookies).isNotEmpty();
        return cookies.getFirst();
    }

    /** Signs in to the console with an API key, sending {@code headers} with every request. */
    private HttpResponse<String> consoleSignIn(TestServer server, String apikey, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder login = HttpRequest.newBuilder(URI.create(server.url + "/login")).GET();
        headers.forEach(login::header);
        HttpResponse<String> page = http.send(login.build(), HttpResponse.BodyHandlers.ofString());
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).isTrue();
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(server.url + "/login/apikey"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + csrf.group(1) + "&apikey="
                        + URLEncoder.encode(apikey, StandardCharsets.UTF_8)));
        headers.forEach(post::header);
        return http.send(post.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The access line of the request with this trace id (written just after the answer). */
    private String accessLine(String trace) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<ILoggingEvent> seen;
            synchronized (access) { // AppenderBase appends under this lock
                seen = List.copyOf(access.list);
            }
            for (ILoggingEvent event : seen) {
                if (event.getFormattedMessage().endsWith("trace=" + trace)) {
                    return event.getFormattedMessage();
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no access line for " + trace + " in " + access.list);
    }
}
