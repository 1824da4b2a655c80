package dev.latchkey.app.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console as a browser without JavaScript sees it: plain HTTP with the cookies it was given, following no
 * redirect, for the tests that check what each page answers (access, CSRF, headers) rather than how it looks.
 */
public final class ConsoleClient {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private final TestServer server;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, String> cookies = new LinkedHashMap<>();

    public ConsoleClient(TestServer server) {
        this.server = server;
    }

    /** A client signed in with an API key. */
    public static ConsoleClient signedIn(TestServer server, String apikey) throws IOException, InterruptedException {
        ConsoleClient client = new ConsoleClient(server);
        String token = client.csrfOf(client.get("/login"));
        HttpResponse<String> answer = client.post("/login/apikey", "csrf=" + token + "&apikey=" + encode(apikey));
        if (answer.statusCode() != 303 || !client.cookies.containsKey("latchkey_session")) {
            throw new AssertionError("sign-in failed: " + answer.statusCode() + " " + answer.body());
        }
        return client;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(server.url + path)).GET());
    }

    /** POSTs a form body as it is ({@code a=1&b=2}, already encoded). */
    public HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(server.url + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** The CSRF token a page's forms carry. */
    public String csrfOf(HttpResponse<String> page) {
        Matcher m = CSRF.matcher(page.body());
        if (!m.find()) {
            throw new AssertionError("no form token on the page: " + page.body());
        }
        return m.group(1);
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (!cookies.isEmpty()) {
            request.header("Cookie", String.join("; ", cookies.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        for (String header : answer.headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0];
            int eq = pair.indexOf('=');
            String name = pair.substring(0, eq);
            String value = pair.substring(eq + 1);
            if (value.isEmpty() || header.contains("Max-Age=0")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
        return answer;
    }
}
