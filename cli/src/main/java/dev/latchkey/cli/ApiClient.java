package dev.latchkey.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Calls the Latchkey HTTP API for the saved profile: gets and caches the access token, sends the
 * requests, pages through lists and turns error answers into {@link CliException}s. Not thread-safe;
 * one instance serves one command.
 */
public final class ApiClient implements AutoCloseable {
    private static final String APIKEY_GRANT = "urn:ibm:params:oauth:grant-type:apikey";

    private final ProfileStore store;
    private final HttpClient http;
    private final Clock clock;
    private Profile profile;

    public ApiClient(ProfileStore store, Profile profile, Clock clock) {
        this.store = store;
        this.profile = profile;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** A client for the profile saved in {@code store}; fails with the login hint when there is none. */
    public static ApiClient open(ProfileStore store) {
        Profile saved = store.load().orElseThrow(() ->
                new CliException("not logged in: run 'latchkey login --apikey KEY [--url URL]' first"));
        return new ApiClient(store, saved, Clock.systemUTC());
    }

    public Profile profile() {
        return profile;
    }

    /** The cached token while it is usable, else a fresh one (which is saved in the profile). */
    public AccessToken token() {
        AccessToken cached = profile.token();
        return cached != null && cached.usableAt(clock.instant()) ? cached : refreshToken();
    }

    /** Exchanges the API key for a new access token and saves it; this is how login proves a key works. */
    public AccessToken refreshToken() {
        StringBuilder form = new StringBuilder("grant_type=").append(encode(APIKEY_GRANT))
                .append("&apikey=").append(encode(profile.apikey()))
                .append("&response_type=cloud_iam");
        if (profile.accountId() != null) {
            form.append("&account=").append(encode(profile.accountId()));
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(profile.url() + "/identity/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString(form.toString()))
                .build();
        HttpResponse<String> response = exchange(request);
        if (response.statusCode() / 100 != 2) {
            throw ErrorAnswer.toException(response.statusCode(), response.body());
        }
        AccessToken token = AccessToken.fromTokenResponse(Json.parse(response.body()), clock.instant());
        profile = profile.withToken(token);
        store.save(profile);
        return token;
    }

    /**
     * The logged-in account: the one the access token names.
     *
     * @throws CliException when the token names none
     */
    public String accountId() {
        String accountId = token().accountId();
        if (accountId == null) {
            throw new CliException("the access token names no account; log in again");
        }
        return accountId;
    }

    /**
     * The account a command with {@code --account} works in: {@code chosen} when given, else the logged-in one.
     *
     * @throws CliException when neither names one
     */
    public String accountId(String chosen) {
        String accountId = chosen != null ? chosen : token().accountId();
        if (accountId == null || accountId.isBlank()) {
            throw new CliException("the access token names no account; give --account ID");
        }
        return accountId;
    }

    public JsonNode get(String path) {
        return send("GET", path, null, Map.of()).body();
    }

    /**
     * Sends a request to {@code path} (relative to the profile URL, or an absolute URL from a {@code next}
     * link) with an optional JSON body and extra headers; returns the 2xx answer or throws.
     */
    public ApiResponse send(String method, String path, JsonNode body, Map<String, String> headers) {
        URI uri = resolve(path);
        AccessToken cached = profile.token();
        AccessToken token = token();
        HttpResponse<String> response = exchange(request(method, uri, body, headers, token));
        if (response.statusCode() == 401 && token == cached) {
            // The server may have been reset or rotated its signing keys: one retry with a fresh token.
            response = exchange(request(method, uri, body, headers, refreshToken()));
        }
        if (response.statusCode() / 100 != 2) {
            throw ErrorAnswer.toException(response.statusCode(), response.body());
        }
        return new ApiResponse(response.statusCode(), Json.parse(response.body()), response.headers());
    }

    /**
     * GETs {@code path} and every page its {@code next} (or {@code next_url}) links lead to. Returns the first page
     * with the array {@code field} holding the items of all pages and without the link.
     */
    public ObjectNode getAllPages(String path, String field) {
        JsonNode first = get(path);
        ObjectNode merged = first.isObject() ? ((ObjectNode) first).deepCopy() : Json.object();
        ArrayNode items = merged.putArray(field);
        first.path(field).forEach(items::add);
        Set<String> seen = new HashSet<>();
        String next = nextLink(first);
        // A server that links a page to itself must not keep the CLI looping.
        while (next != null && !next.isBlank() && seen.add(next)) {
            JsonNode page = get(next);
            page.path(field).forEach(items::add);
            next = nextLink(page);
        }
        merged.remove("next");
        merged.remove("next_url");
        return merged;
    }

    /**
     * IAM Identity's {@code next} is a URL; Policy Management's and Access Groups' are {@code {href, …}}; User
     * Management's is {@code next_url}.
     */
    private static String nextLink(JsonNode page) {
        JsonNode next = page.path("next");
        if (next.isObject()) {
            return Json.text(next, "href");
        }
        return page.hasNonNull("next") ? Json.text(page, "next") : Json.text(page, "next_url");
    }

    @Override
    public void close() {
        http.close();
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Encodes one path segment: like a query value, but a space is {@code %20}, not {@code +}. */
    public static String segment(String value) {
        return encode(value).replace("+", "%20");
    }

    private HttpRequest request(String method, URI uri, JsonNode body, Map<String, String> headers, AccessToken token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token.value())
                .header("Accept", "application/json");
        headers.forEach(builder::header);
        if (body == null) {
            builder.method(method, BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", "application/json");
            builder.method(method, BodyPublishers.ofString(Json.compact(body)));
        }
        return builder.build();
    }

    /**
     * Paths are appended to the profile URL. Absolute {@code next} links keep only their path and query:
     * the bearer token must never follow a link to another host, even if the server names one.
     */
    private URI resolve(String path) {
        if (!path.startsWith("http://") && !path.startsWith("https://")) {
            return URI.create(profile.url() + path);
        }
        URI link = URI.create(path);
        URI base = URI.create(profile.url());
        String rest = link.getRawPath() + (link.getRawQuery() == null ? "" : "?" + link.getRawQuery());
        return URI.create(base.getScheme() + "://" + base.getRawAuthority() + rest);
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (ConnectException | HttpConnectTimeoutException refused) {
            throw new CliException("cannot connect to the Latchkey server at " + profile.url()
                    + "; is it running and is the URL right?");
        } catch (IOException failure) {
            throw new CliException("the request to " + profile.url() + " failed: " + failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while calling " + profile.url());
        }
    }
}
