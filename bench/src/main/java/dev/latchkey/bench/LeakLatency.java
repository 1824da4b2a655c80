package dev.latchkey.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The trials of {@code bench/leak-latency.sh}: how long after a key is disabled on node A node B refuses it at
 * {@code POST /identity/token}. Two steps, run by the script around its wrk load:
 *
 * <pre>
 * LeakLatency setup  URL_A ADMIN_KEY LOAD_KEYS TRIALS OUT_DIR
 *     makes service IDs and keys through node A's API: OUT_DIR/load-keys.txt (LOAD_KEYS values of one service
 *     ID, for wrk) and OUT_DIR/trials.tsv (TRIALS keys per way, way TAB key id TAB value, the two ways "leak" and
 *     "disable" alternating; at most 20 trial keys per service ID, action_when_leaked=disable).
 * LeakLatency trials URL_A URL_B ADMIN_KEY TRIALS_TSV MAX_WAIT_MS RESULTS_TSV
 *     per trial: a token from B for the key (so B has it cached, must be 200); then, at t0, the key's disable is
 *     sent to A (leak: POST /v1/leaks with its value; disable: POST /v1/apikeys/{id}/disable) and, without
 *     waiting for A's answer, B is asked for a token with the key again and again (one request after another, no
 *     pause) until it refuses (4xx), at most MAX_WAIT_MS after t0. One line per trial: way, n, refused_ms (from
 *     t0; -1 when B still accepted the key at MAX_WAIT_MS), a_ms (when A answered, from t0), after_a_ms
 *     (refused_ms - a_ms: negative when B refused before A's answer arrived), probes (requests to B after t0),
 *     b_status (B's last answer).
 * </pre>
 *
 * Times are {@link System#nanoTime} on this JVM; loopback only. Key values stay in OUT_DIR (a temporary
 * directory) and in request bodies, never in URLs or on the console.
 */
public final class LeakLatency {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GRANT = "urn:ibm:params:oauth:grant-type:apikey";
    /** Spread the trial keys over service IDs like a user's 20 (service ID keys have no such limit). */
    private static final int KEYS_PER_SERVICE_ID = 20;
    /** How long one request may take: far past any target, short of hanging the run (the machine may be busy). */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

    private LeakLatency() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 6 && args[0].equals("setup")) {
            setup(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]), Path.of(args[5]));
        } else if (args.length == 7 && args[0].equals("trials")) {
            trials(args[1], args[2], args[3], Path.of(args[4]), Long.parseLong(args[5]), Path.of(args[6]));
        } else {
            System.err.println("usage: LeakLatency setup URL_A ADMIN_KEY LOAD_KEYS TRIALS OUT_DIR\n"
                    + "       LeakLatency trials URL_A URL_B ADMIN_KEY TRIALS_TSV MAX_WAIT_MS RESULTS_TSV");
            System.exit(2);
        }
    }

    private static void setup(String a, String adminKey, int loadKeys, int trials, Path out) throws Exception {
        String token = accessToken(a, adminKey);
        String account = JSON.readTree(send(HttpRequest.newBuilder(URI.create(a + "/v1/apikeys/details"))
                .header("Authorization", "Bearer " + token).header("IAM-ApiKey", adminKey).GET(), 200))
                .get("account_id").asText();
        String loadId = serviceId(a, token, account, "bench-leak-load");
        List<String> ways = new ArrayList<>();
        for (int i = 0; i < 2 * trials; i++) {
            ways.add(i % 2 == 0 ? "leak" : "disable");
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<JsonNode>> load = new ArrayList<>();
            for (int i = 0; i < loadKeys; i++) {
                load.add(pool.submit(() -> key(a, token, account, loadId, "bench-leak-load-key")));
            }
            List<Future<JsonNode>> trial = new ArrayList<>();
            String holder = null;
            for (int i = 0; i < ways.size(); i++) {
                if (i % KEYS_PER_SERVICE_ID == 0) {
                    holder = serviceId(a, token, account, "bench-leak-trials-" + (i / KEYS_PER_SERVICE_ID + 1));
                }
                String iamId = holder;
                String name = "bench-leak-" + ways.get(i) + "-" + (i / 2 + 1);
                trial.add(pool.submit(() -> key(a, token, account, iamId, name)));
            }
            List<String> loadLines = new ArrayList<>();
            for (Future<JsonNode> f : load) {
                loadLines.add(f.get().get("apikey").asText());
            }
            List<String> trialLines = new ArrayList<>();
            for (int i = 0; i < trial.size(); i++) {
                JsonNode k = trial.get(i).get();
                trialLines.add(ways.get(i) + "\t" + k.get("id").asText() + "\t" + k.get("apikey").asText());
            }
            Files.write(out.resolve("load-keys.txt"), loadLines);
            Files.write(out.resolve("trials.tsv"), trialLines);
        }
    }

    private static void trials(String a, String b, String adminKey, Path trialsFile, long maxWaitMs, Path results)
            throws Exception {
        String token = accessToken(a, adminKey);
        List<String> lines = Files.readAllLines(trialsFile);
        int[] counts = new int[2];
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(results))) {
            out.println("way\tn\trefused_ms\ta_ms\tafter_a_ms\tprobes\tb_status");
            for (String line : lines) {
                String[] f = line.split("\t");
                String way = f[0];
                String id = f[1];
                String value = f[2];
                int n = ++counts[way.equals("leak") ? 0 : 1];
                HttpRequest probe = HttpRequest.newBuilder(URI.create(b + "/identity/token"))
                        .timeout(ANSWER_TIMEOUT)
                        .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=" + URLEncoder.encode(GRANT,
                                StandardCharsets.UTF_8) + "&apikey=" + URLEncoder.encode(value, StandardCharsets.UTF_8)))
                        .build();
                int cached = HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (cached != 200) {
                    throw new IllegalStateException("node B did not accept trial key " + way + " " + n + " before "
                            + "it was disabled (" + cached + ")");
                }
                HttpRequest disable = way.equals("leak")
                        ? HttpRequest.newBuilder(URI.create(a + "/v1/leaks")).timeout(ANSWER_TIMEOUT)
                                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("[{\"token\":\"" + value
                                        + "\",\"type\":\"latchkey_api_key\",\"url\":\"https://example.com/leak-" + n
                                        + "\",\"source\":\"bench\"}]")).build()
                        : HttpRequest.newBuilder(URI.create(a + "/v1/apikeys/" + id + "/disable"))
                                .timeout(ANSWER_TIMEOUT).header("Authorization", "Bearer " + token)
                                .POST(HttpRequest.BodyPublishers.noBody()).build();
                long t0 = System.nanoTime();
                AtomicLong answeredAt = new AtomicLong();
                CompletableFuture<HttpResponse<String>> answer = HTTP.sendAsync(disable,
                        HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> answeredAt.set(System.nanoTime()));
                long deadline = t0 + maxWaitMs * 1_000_000L;
                int probes = 0;
                int status = 200;
                long refusedAt = -1;
                while (System.nanoTime() < deadline) {
                    status = HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode();
                    probes++;
                    if (status >= 400 && status < 500) {
                        refusedAt = System.nanoTime();
                        break;
                    }
                    if (status != 200) {
                        throw new IllegalStateException("node B answered " + status + " to a probe");
                    }
                }
                HttpResponse<String> answered = answer.get(ANSWER_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
                if (answered.statusCode() / 100 != 2) {
                    throw new IllegalStateException("node A answered " + answered.statusCode() + " to the " + way
                            + " of trial key " + n + ": " + answered.body());
                }
                out.printf("%s\t%d\t%.1f\t%.1f\t%.1f\t%d\t%d%n", way, n,
                        refusedAt < 0 ? -1.0 : (refusedAt - t0) / 1e6, (answeredAt.get() - t0) / 1e6,
                        refusedAt < 0 ? -1.0 : (refusedAt - answeredAt.get()) / 1e6, probes, status);
                out.flush();
            }
        }
    }

    private static String accessToken(String url, String apiKey) throws Exception {
        return JSON.readTree(send(HttpRequest.newBuilder(URI.create(url + "/identity/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=" + URLEncoder.encode(GRANT, StandardCharsets.UTF_8)
                        + "&apikey=" + URLEncoder.encode(apiKey, StandardCharsets.UTF_8))), 200))
                .get("access_token").asText();
    }

    private static String serviceId(String url, String token, String account, String name) throws Exception {
        return JSON.readTree(send(json(url + "/v1/serviceids/", token,
                "{\"account_id\":\"" + account + "\",\"name\":\"" + name + "\"}"), 201)).get("iam_id").asText();
    }

    private static JsonNode key(String url, String token, String account, String iamId, String name) throws Exception {
        return JSON.readTree(send(json(url + "/v1/apikeys", token, "{\"name\":\"" + name + "\",\"iam_id\":\"" + iamId
                + "\",\"account_id\":\"" + account + "\",\"action_when_leaked\":\"disable\"}"), 201));
    }

    private static HttpRequest.Builder json(String url, String token, String body) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static String send(HttpRequest.Builder request, int status) throws Exception {
        HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != status) {
            throw new IllegalStateException(answer.uri() + " answered " + answer.statusCode() + ": " + answer.body());
        }
        return answer.body();
    }
}
