package dev.latchkey.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's API keys page with many keys in the account: seeds {@code keys} service ID keys through the API,
 * signs in to the console with the admin key, then times {@code rounds} requests of each page (after a warm-up),
 * one at a time over loopback, and prints one Markdown table row per page: median, p95 and max in milliseconds.
 * A request's time seen by the client includes the server's, so these are upper bounds of the server time.
 * Usage: ConsolePageBench URL ADMIN_KEY KEYS ROUNDS
 */
public final class ConsolePageBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private ConsolePageBench() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String adminKey = args[1];
        int keys = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        String token = JSON.readTree(send(HttpRequest.newBuilder(URI.create(url + "/identity/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=urn:ibm:params:oauth:grant-type:apikey&apikey="
                        + adminKey)), 200)).get("access_token").asText();
        String account = JSON.readTree(send(HttpRequest.newBuilder(URI.create(url + "/v1/apikeys/details"))
                .header("Authorization", "Bearer " + token).header("IAM-ApiKey", adminKey).GET(), 200))
                .get("account_id").asText();
        JsonNode serviceId = JSON.readTree(send(json(url + "/v1/serviceids/", token,
                "{\"account_id\":\"" + account + "\",\"name\":\"bench-console\"}"), 201));
        String iamId = serviceId.get("iam_id").asText();

        long seedStart = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<String>> made = new ArrayList<>();
            for (int i = 0; i < keys; i++) {
                String body = String.format("{\"name\":\"bench-key-%05d\",\"iam_id\":\"%s\",\"account_id\":\"%s\"}", i,
                        iamId, account);
                made.add(pool.submit(() -> send(json(url + "/v1/apikeys", token, body), 201)));
            }
            for (Future<String> f : made) {
                f.get();
            }
        }
        System.err.printf("seeded %d keys in %.1f s%n", keys, (System.nanoTime() - seedStart) / 1e9);

        String cookie = signIn(url, adminKey);
        int last = (keys + 19) / 20;
        String[][] pages = {
            {"first page (newest first)", "/iam/apikeys?view=serviceids&sort=created_at&order=desc"},
            {"page " + last / 2 + " of " + last, "/iam/apikeys?view=serviceids&page=" + last / 2},
            {"last page (" + last + ")", "/iam/apikeys?view=serviceids&page=" + last},
            {"sorted by name, page " + last / 4, "/iam/apikeys?view=serviceids&sort=name&page=" + last / 4},
            {"search \"key-0999\"", "/iam/apikeys?view=serviceids&search=" + URLEncoder.encode("key-0999",
                    StandardCharsets.UTF_8)},
        };
        for (String[] page : pages) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url + page[1])).header("Cookie", cookie).GET()
                    .build();
            for (int i = 0; i < 20; i++) {
                check(HTTP.send(request, HttpResponse.BodyHandlers.ofString()), 200);
            }
            double[] ms = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                long start = System.nanoTime();
                HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                ms[i] = (System.nanoTime() - start) / 1e6;
                check(answer, 200);
                if (!answer.body().contains("bench-key-")) {
                    throw new IllegalStateException(page[0] + ": no key on the page");
                }
            }
            Arrays.sort(ms);
            System.out.printf("| %s | %d | %.1f | %.1f | %.1f |%n", page[0], rounds, ms[rounds / 2],
                    ms[(int) Math.ceil(rounds * 0.95) - 1], ms[rounds - 1]);
        }
    }

    private static String signIn(String url, String adminKey) throws Exception {
        HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/login")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        String form = cookie(login, "latchkey_form");
        Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(login.body());
        if (!csrf.find()) {
            throw new IllegalStateException("no sign-in form");
        }
        HttpResponse<String> signedIn = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/login/apikey"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", "latchkey_form=" + form)
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + csrf.group(1) + "&apikey=" + adminKey)).build(),
                HttpResponse.BodyHandlers.ofString());
        check(signedIn, 303);
        return "latchkey_session=" + cookie(signedIn, "latchkey_session");
    }

    private static String cookie(HttpResponse<String> answer, String name) {
        return answer.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(name.length() + 1, c.indexOf(';'))).findFirst()
                .orElseThrow(() -> new IllegalStateException("no cookie " + name));
    }

    private static HttpRequest.Builder json(String url, String token, String body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static String send(HttpRequest.Builder request, int status) throws Exception {
        return check(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()), status).body();
    }

    private static HttpResponse<String> check(HttpResponse<String> answer, int status) {
        if (answer.statusCode() != status) {
            throw new IllegalStateException(answer.uri() + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer;
    }
}
