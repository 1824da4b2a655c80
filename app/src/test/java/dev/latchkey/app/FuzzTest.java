package dev.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.latchkey.app.notification.NotificationConfig;
import dev.latchkey.app.support.Fixtures;
import dev.latchkey.app.support.RawHttp;
import dev.latchkey.app.support.TestServer;
import dev.latchkey.store.Postgres;
import java.io.IOException;
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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * A seeded fuzz walk over every operation of {@code docs/api/openapi.yaml}: each request is one of the documented
 * operations with its path ids, query parameters, headers and body mutated from the documented examples (wrong types,
 * missing and unknown fields, long, empty and odd strings, NUL characters, deep nesting, out-of-range numbers and
 * dates, broken JSON, wrong content types, garbage or missing tokens, real ids of other kinds). It fails on any 5xx
 * (but the documented 501 {@code LKIAM0501E} of IBM routes Latchkey does not implement, whose body is checked like
 * any error's) and on any error answer outside the two documented shapes (the management body with a matching {@code trace}
 * and {@code Transaction-Id}, or the token service's body). Run against H2 and PostgreSQL, {@value #REQUESTS}
 * requests each, bounded by {@value #SECONDS} s each. The seed is printed; {@code -Dlatchkey.fuzz.seed=N} replays
 * one. Notification delivery is off: no webhook is ever sent anywhere.
 */
class FuzzTest {
    static final int REQUESTS = 20_000;
    static final int SECONDS = 150;
    private static final int WORKERS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One documented operation: its method, path template, parameters and example body. */
    record Operation(String method, String path, List<JsonNode> parameters, JsonNode body, String bodyType) {
        String name() {
            return method + " " + path;
        }
    }

    @Test
    void h2AnswersEveryMutatedRequestWithoutA5xxAndInTheDocumentedShape() throws Exception {
        fuzz(false);
    }

    @Test
    void postgresAnswersEveryMutatedRequestWithoutA5xxAndInTheDocumentedShape() throws Exception {
        fuzz(true);
    }

    private static void fuzz(boolean postgres) throws Exception {
        long seed = Long.getLong("latchkey.fuzz.seed", 20261205L);
        List<Operation> operations = operations();
        assertThat(operations).as("operations read from openapi.yaml").hasSizeGreaterThan(50);
        ServerConfig base = ServerConfig.defaults(Files.createTempDirectory("latchkey-fuzz")).withPort(0)
                .withNotifications(NotificationConfig.defaults().withPollInterval(null).withExpiryCheckInterval(null));
        ServerConfig config = postgres ? base.withDatabase(Postgres.freshSchemaUrl(), Postgres.USER, null) : base;
        try (TestServer server = TestServer.start(config)) {
            Pool pool = Pool.of(server);
            LongAdder sent = new LongAdder();
            Map<String, LongAdder> byStatus = new ConcurrentHashMap<>();
            Map<String, LongAdder> byOperation = new ConcurrentHashMap<>();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            AtomicInteger next = new AtomicInteger();
            long deadline = System.nanoTime() + Duration.ofSeconds(SECONDS).toNanos();
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            List<Future<?>> workers = new ArrayList<>();
            try (var executor = Executors.newFixedThreadPool(WORKERS)) {
                for (int w = 0; w < WORKERS; w++) {
                    Random random = new Random(seed * 31 + w);
                    workers.add(executor.submit(() -> {
                        while (next.getAndIncrement() < REQUESTS && System.nanoTime() < deadline && failures.size() < 20) {
                            Operation op = operations.get(random.nextInt(operations.size()));
                            Mutated request = mutate(op, random, pool);
                            String problem = send(client, server.url, request, byStatus);
                            sent.increment();
                            byOperation.computeIfAbsent(op.name(), k -> new LongAdder()).increment();
                            if (problem != null) {
                                failures.add(request.describe() + " -> " + problem);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> worker : workers) {
                    worker.get();
                }
            }
            System.out.printf("fuzz %s (seed %d): %d requests over %d operations, by status %s%n",
                    postgres ? "PostgreSQL" : "H2", seed, sent.sum(), byOperation.size(), new java.util.TreeMap<>(byStatus));
            assertThat(failures).as("5xx answers or error bodies outside the documented shape").isEmpty();
            assertThat(sent.sum()).as("requests sent within %d s", SECONDS).isGreaterThanOrEqualTo(REQUESTS);
            assertThat(byOperation.keySet()).as("every documented operation was tried")
                    .containsAll(operations.stream().map(Operation::name).toList());
        }
    }

    /** The operations of openapi.yaml, with {@code $ref} parameters resolved. */
    static List<Operation> operations() throws IOException {
        JsonNode spec = new ObjectMapper(new YAMLFactory()).readTree(
                Files.readString(Path.of("").toAbsolutePath().getParent().resolve("docs/api/openapi.yaml")));
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = spec.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (!method.getValue().isObject() || method.getKey().equals("parameters")) {
                    continue;
                }
                List<JsonNode> parameters = new ArrayList<>();
                for (JsonNode p : method.getValue().path("parameters")) {
                    parameters.add(p.has("$ref") ? resolve(spec, p.get("$ref").asText()) : p);
                }
                JsonNode content = method.getValue().path("requestBody").path("content");
                String bodyType = content.has("application/x-www-form-urlencoded") ? "form"
                        : content.isMissingNode() ? null : "json";
                JsonNode media = bodyType == null ? null : content.elements().next();
                JsonNode example = media == null ? null : media.has("example") ? media.get("example")
                        : media.path("examples").elements().hasNext()
                                ? media.path("examples").elements().next().path("value") : null;
                operations.add(new Operation(method.getKey().toUpperCase(java.util.Locale.ROOT), path.getKey(),
                        parameters, example, bodyType));
            }
        }
        return operations;
    }

    private static JsonNode resolve(JsonNode spec, String ref) {
        JsonNode node = spec;
        for (String part : ref.substring(2).split("/")) {
            node = node.path(part);
        }
        return node;
    }

    /** Real values of the running server, for path ids and parameters that sometimes should exist. */
    record Pool(String owner, String member, String accountId, String ownerIamId, String memberIamId, String apikey,
                Map<String, List<String>> ids) {
        static Pool of(TestServer server) {
            String owner = server.token(server.adminKey);
            JsonNode first = server.get("/v1/apikeys", owner).body().get("apikeys").get(0);
            String accountId = first.get("account_id").asText();
            String ownerIamId = first.get("iam_id").asText();
            Fixtures fixtures = new Fixtures(server);
            Fixtures.Person person = fixtures.invitedBy(accountId, ownerIamId);
            Map<String, List<String>> ids = new LinkedHashMap<>();
            for (int i = 0; i < 3; i++) {
                ids.computeIfAbsent("/v1/apikeys", k -> new ArrayList<>()).add(server.post("/v1/apikeys", owner,
                        "{\"name\":\"fz" + i + "\",\"iam_id\":\"" + ownerIamId + "\"}").body().get("id").asText());
                ids.computeIfAbsent("/v1/serviceids", k -> new ArrayList<>()).add(server.post("/v1/serviceids/", owner,
                        "{\"name\":\"fz" + i + "\"}").body().get("id").asText());
                ids.computeIfAbsent("/v1/serviceid_groups", k -> new ArrayList<>()).add(server.post(
                        "/v1/serviceid_groups", owner, "{\"name\":\"fz" + i + "\"}").body().get("id").asText());
                ids.computeIfAbsent("/v2/resource_instances", k -> new ArrayList<>()).add(server.post(
                        "/v2/resource_instances", owner, "{\"name\":\"fz" + i + "\",\"resource_id\":\"books\"}").body()
                        .get("guid").asText());
            }
            String instance = ids.get("/v2/resource_instances").get(0);
            ids.computeIfAbsent("/v2/resource_keys", k -> new ArrayList<>()).add(server.post("/v2/resource_keys", owner,
                    "{\"name\":\"fz\",\"source\":\"" + instance + "\"}").body().get("guid").asText());
            ids.computeIfAbsent("/v1/policies", k -> new ArrayList<>()).add(fixtures.grant(accountId, person.iamId(),
                    dev.latchkey.core.access.Role.VIEWER));
            ids.computeIfAbsent("/v1/classic_keys", k -> new ArrayList<>()).add(server.post("/v1/classic_keys",
                    server.token(person.apikey()), null).body().get("id").asText());
            return new Pool(owner, server.token(person.apikey()), accountId, ownerIamId, person.iamId(),
                    person.apikey(), ids);
        }

        /** A real id for a path under {@code prefix}, or any real id when none fits. */
        String idFor(String path, Random random) {
            for (Map.Entry<String, List<String>> kind : ids.entrySet()) {
                if (path.startsWith(kind.getKey())) {
                    return pick(kind.getValue(), random);
                }
            }
            List<String> all = ids.values().stream().flatMap(List::stream).toList();
            return pick(all, random);
        }
    }

    record Mutated(String method, String path, String query, Map<String, String> headers, String body) {
        String describe() {
            String shown = body == null ? "" : " body=" + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
            return method + " " + path + (query.isEmpty() ? "" : "?" + query) + " headers=" + headers.keySet() + shown;
        }
    }

    private static final String[] ODD = {"", " ", "a".repeat(3000), "名前💥", "x\u0000y", "../../etc/passwd",
        "' OR 1=1 --", "%", "-1", "0", "99999999999999999999999", "true", "null", "<script>alert(1)</script>",
        "\u202e\ufeff", "\\", "\"", "*", "crn:v1:bluemix:public:iam-identity::a/x::serviceid:y", "9999-12-31T23:59+0000",
        "+999999999-12-31T23:59+0000", "1970-01-01", "lk_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "IBMid-ZZZZZZZZZZ", "iam-ServiceId-00000000-0000-4000-8000-000000000000", "\ud800"};

    private static final List<String> ODD_DATES = List.of("+999999999-12-31T23:59+0000", "-999999999-01-01T00:00+0000",
            "0000-01-01T00:00+0000", "9999-12-31T23:59+0000", "10000-01-01T00:00+0000", "2049-02-30T10:00+0000",
            "2049-01-01T25:00+0000", "2049-01-01T10:00+9999", "2049-01-01", "2049-01-01T10:00:00.123456789Z", "1");

    static <T> T pick(List<T> values, Random random) {
        return values.get(random.nextInt(values.size()));
    }

    private static String odd(Random random) {
        return ODD[random.nextInt(ODD.length)];
    }

    private static Mutated mutate(Operation op, Random random, Pool pool) {
        String method = random.nextInt(40) == 0 ? pick(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"), random)
                : op.method();
        StringBuilder path = new StringBuilder();
        for (String segment : op.path().split("/", -1)) {
            if (!path.isEmpty() || !segment.isEmpty()) {
                path.append('/');
            }
            if (segment.startsWith("{")) {
                String name = segment.substring(1, segment.length() - 1);
                String value = switch (random.nextInt(6)) {
                    case 0, 1, 2 -> name.equals("account_id") ? pool.accountId()
                            : name.equals("iam_id") ? pick(List.of(pool.ownerIamId(), pool.memberIamId()), random)
                            : pool.idFor(op.path(), random);
                    case 3 -> pool.idFor("/", random); // a real id of another kind
                    default -> odd(random);
                };
                path.append(URLEncoder.encode(value.isEmpty() ? "x" : value, StandardCharsets.UTF_8).replace("+", "%20"));
            } else {
                path.append(segment);
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> query = new ArrayList<>();
        for (JsonNode parameter : op.parameters()) {
            String in = parameter.path("in").asText();
            String name = parameter.path("name").asText();
            if (in.equals("path") || random.nextInt(3) == 0) {
                continue;
            }
            String value = parameterValue(parameter, random, pool);
            if (in.equals("query")) {
                query.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(value, StandardCharsets.UTF_8));
            } else if (in.equals("header") && headerSafe(value)) {
                headers.put(name, value);
            }
        }
        if (random.nextInt(10) == 0) {
            query.add(URLEncoder.encode(odd(random), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(odd(random),
                    StandardCharsets.UTF_8));
        }
        switch (random.nextInt(10)) {
            case 0 -> { } // no token
            case 1 -> headers.put("Authorization", "Bearer " + pick(List.of("garbage", "e30.e30.e30", "a".repeat(5000),
                    pool.owner().substring(0, pool.owner().length() - 3) + "abc"), random));
            case 2 -> headers.put("Authorization", "Bearer " + pool.member());
            default -> headers.put("Authorization", "Bearer " + pool.owner());
        }
        if (random.nextInt(4) == 0) {
            headers.put("If-Match", pick(List.of("*", "garbage", "\"1-abc\"", ""), random));
        }
        if (random.nextInt(8) == 0) {
            headers.put("IAM-ApiKey", pick(List.of(pool.apikey(), "lk_bad", odd(random)), random));
        }
        if (random.nextInt(8) == 0) {
            headers.put("Transaction-Id", pick(List.of("fuzz-1", "x".repeat(300), "bad id!"), random));
        }
        String body = body(op, random, pool);
        String contentType = op.bodyType() == null ? null
                : op.bodyType().equals("form") ? "application/x-www-form-urlencoded" : "application/json";
        if (random.nextInt(12) == 0) {
            contentType = pick(List.of("text/plain", "application/xml", "application/json; charset=utf-8",
                    "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"), random);
        }
        if (contentType != null && body != null) {
            headers.put("Content-Type", contentType);
        }
        headers.values().removeIf(v -> !headerSafe(v));
        return new Mutated(method, path.toString(), String.join("&", query), headers, body);
    }

    private static boolean headerSafe(String value) {
        return value.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }

    private static String parameterValue(JsonNode parameter, Random random, Pool pool) {
        JsonNode schema = parameter.path("schema");
        String name = parameter.path("name").asText();
        return switch (random.nextInt(5)) {
            case 0 -> odd(random);
            case 1 -> schema.has("enum") ? schema.get("enum").get(random.nextInt(schema.get("enum").size())).asText()
                    : schema.path("example").asText(odd(random));
            case 2 -> name.contains("account") ? pool.accountId() : name.contains("iam_id") ? pool.ownerIamId()
                    : Integer.toString(random.nextInt(300) - 100);
            default -> schema.has("example") ? schema.get("example").asText()
                    : parameter.has("example") ? parameter.get("example").asText() : odd(random);
        };
    }

    /**
     * The documented example with this server's real account and identities in it, so that a single mutation
     * reaches the checks behind "no such user" (and the database) instead of always failing on the example's ids.
     */
    private static void realize(JsonNode node, Pool pool) {
        if (node instanceof ObjectNode object) {
            for (String name : List.of("account_id", "accountId")) {
                if (object.path(name).isTextual()) {
                    object.put(name, pool.accountId());
                }
            }
            for (String name : List.of("iam_id", "owner_iam_id")) {
                if (object.path(name).isTextual()) {
                    object.put(name, pool.ownerIamId());
                }
            }
            if (object.path("value").isTextual() && object.path("name").asText().equals("iam_id")) {
                object.put("value", pool.memberIamId());
            }
            if (object.path("value").isTextual() && object.path("name").asText().equals("accountId")) {
                object.put("value", pool.accountId());
            }
            if (object.path("source").isTextual()) {
                object.put("source", pool.idFor("/v2/resource_instances", new Random(0)));
            }
            object.elements().forEachRemaining(child -> realize(child, pool));
        } else if (node instanceof ArrayNode array) {
            array.elements().forEachRemaining(child -> realize(child, pool));
        }
    }

    private static String body(Operation op, Random random, Pool pool) {
        if (op.bodyType() == null && random.nextInt(10) != 0) {
            return null;
        }
        if (op.bodyType() != null && op.bodyType().equals("form")) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("grant_type", pick(List.of("urn:ibm:params:oauth:grant-type:apikey", "password",
                    "client_credentials", odd(random)), random));
            fields.put("apikey", odd(random));
            if (random.nextBoolean()) {
                fields.put(pick(List.of("account", "username", "password", "response_type"), random), odd(random));
            }
            StringBuilder form = new StringBuilder();
            fields.forEach((k, v) -> form.append(form.isEmpty() ? "" : "&").append(k).append('=')
                    .append(random.nextInt(10) == 0 ? v : URLEncoder.encode(v, StandardCharsets.UTF_8)));
            return form.toString();
        }
        switch (random.nextInt(14)) {
            case 0:
                return pick(List.of("", "{", "[", "null", "123", "\"s\"", "{\"a\":}", "[1,2", "{}", "[]", "\u0000",
                        "{\"a\":\"\\u0000\"}", "[".repeat(50) + "]".repeat(50), "{\"a\":1e999999}"), random);
            case 1:
                return "{}";
            default:
                JsonNode example = op.body() == null ? NODES.objectNode() : op.body().deepCopy();
                realize(example, pool);
                for (int i = 0, n = random.nextInt(3) == 0 ? 1 + random.nextInt(3) : 1; i < n; i++) {
                    example = mutateNode(example, random, 0);
                }
                return example.toString();
        }
    }

    private static JsonNode mutateNode(JsonNode node, Random random, int depth) {
        if (node instanceof ObjectNode object && object.size() > 0 && random.nextInt(3) != 0) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = pick(names, random);
            switch (random.nextInt(4)) {
                case 0 -> object.remove(name);
                case 1 -> object.set(pick(List.of("unknown_field", "\u0000", "a".repeat(200)), random), oddNode(random));
                default -> object.set(name, name.endsWith("_at") || name.contains("date")
                        ? NODES.textNode(pick(ODD_DATES, random))
                        : random.nextBoolean() ? oddNode(random) : mutateNode(object.get(name), random, depth + 1));
            }
            return object;
        }
        if (node instanceof ArrayNode array && array.size() > 0 && random.nextInt(3) != 0) {
            int i = random.nextInt(array.size());
            array.set(i, mutateNode(array.get(i), random, depth + 1));
            if (random.nextInt(4) == 0) {
                array.add(oddNode(random));
            }
            return array;
        }
        return depth > 0 || random.nextInt(4) == 0 ? oddNode(random) : node;
    }

    private static JsonNode oddNode(Random random) {
        return switch (random.nextInt(9)) {
            case 0 -> NODES.textNode(odd(random));
            case 1 -> NODES.numberNode(random.nextBoolean() ? Long.MAX_VALUE : -1);
            case 2 -> NODES.numberNode(new java.math.BigDecimal("1e400"));
            case 3 -> NODES.booleanNode(random.nextBoolean());
            case 4 -> NODES.nullNode();
            case 5 -> NODES.arrayNode().add(odd(random)).add(1);
            case 6 -> {
                ObjectNode nested = NODES.objectNode();
                ObjectNode at = nested;
                for (int i = 0; i < 40; i++) {
                    at = at.putObject("n");
                }
                yield nested;
            }
            case 7 -> NODES.objectNode().put("name", odd(random));
            default -> NODES.textNode("x\u0000" + odd(random));
        };
    }

    /** Sends one request; null when the answer is acceptable, else what is wrong with it. */
    private static String send(HttpClient client, String url, Mutated request, Map<String, LongAdder> byStatus) {
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(URI.create(url + request.path()
                    + (request.query().isEmpty() ? "" : "?" + request.query()))).timeout(Duration.ofSeconds(20));
        } catch (IllegalArgumentException notAUri) {
            return null; // the client cannot send it; RawHttp tests cover what it will not send
        }
        HttpRequest.BodyPublisher publisher = request.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(request.body());
        builder.method(request.method(), publisher);
        try {
            request.headers().forEach(builder::header);
        } catch (IllegalArgumentException restricted) {
            return null;
        }
        HttpResponse<String> response;
        try {
            try {
                response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException stale) {
                // HTTP/1.1's keep-alive race: the server closed a pooled connection (after an answer that left the
                // request's body unread) just as the client sent this request on it. The same request again, on a
                // new connection, must be answered.
                try (HttpClient fresh = HttpClient.newHttpClient()) {
                    response = fresh.send(builder.build(), HttpResponse.BodyHandlers.ofString());
                }
            }
        } catch (IOException e) {
            return "no answer, twice: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
        int status = response.statusCode();
        byStatus.computeIfAbsent(Integer.toString(status), k -> new LongAdder()).increment();
        if (status >= 500 && status != 501) { // 501: the documented answer of IBM routes Latchkey does not implement
            return status + " " + response.body();
        }
        String trace = response.headers().firstValue("Transaction-Id").orElse(null);
        if (trace == null || trace.isBlank()) {
            return status + " without a Transaction-Id";
        }
        if (status < 400 || request.method().equals("HEAD")) {
            return null;
        }
        return errorShapeProblem(status, trace, response.body());
    }

    private static String errorShapeProblem(int status, String trace, String raw) {
        JsonNode body;
        try {
            body = JSON.readTree(raw);
        } catch (IOException e) {
            return status + " with a body that is not JSON: " + raw;
        }
        if (body != null && body.has("errorCode")) { // the token service's shape
            boolean ok = body.path("errorMessage").isTextual() && body.path("context").path("requestId").isTextual();
            return ok ? null : status + " token-service body without errorMessage or context.requestId: " + raw;
        }
        if (body == null || !body.path("errors").isArray() || body.path("errors").size() != 1) {
            return status + " without exactly one item in errors: " + raw;
        }
        JsonNode item = body.path("errors").get(0);
        if (!item.path("code").isTextual() || !item.path("message").isTextual()
                || !item.path("message_code").asText().matches("(BXNIM|LKIAM)\\d{4}E")) {
            return status + " with an error item missing code, message or message_code: " + raw;
        }
        if (body.path("status_code").asInt() != status || !trace.equals(body.path("trace").asText())) {
            return status + " whose status_code or trace does not match the answer: " + raw;
        }
        return null;
    }
}
