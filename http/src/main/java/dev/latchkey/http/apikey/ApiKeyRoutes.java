package dev.latchkey.http.apikey;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.latchkey.core.apikey.ApiKey;
import dev.latchkey.core.apikey.ApiKeyQuery;
import dev.latchkey.core.apikey.ApiKeyService;
import dev.latchkey.core.apikey.CreateApiKey;
import dev.latchkey.core.apikey.CreatedApiKey;
import dev.latchkey.core.apikey.CredentialLinks;
import dev.latchkey.core.apikey.FoundKey;
import dev.latchkey.core.apikey.ListApiKeys;
import dev.latchkey.core.apikey.UpdateApiKey;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.EntityTag;
import dev.latchkey.core.common.Fields;
import dev.latchkey.core.common.Page;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.common.Secret;
import dev.latchkey.http.Audience;
import dev.latchkey.http.Exchange;
import dev.latchkey.http.HttpMetrics;
import dev.latchkey.http.Json;
import dev.latchkey.http.PageToken;
import dev.latchkey.http.JsonBody;
import dev.latchkey.http.Paging;
import dev.latchkey.http.QueryParams;
import dev.latchkey.http.RouteTable;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * IBM IAM Identity's API key routes under {@code /v1/apikeys} (reference §2). Every route needs an access
 * token; which keys a caller may see or change is decided in {@link ApiKeyService}. A service ID key created
 * with {@code store_value=true} shows its value again on get, update and details. A key that backs a service
 * credential carries that resource key's CRN in {@code resource_key_crn}.
 */
public final class ApiKeyRoutes {
    private final ApiKeyService service;
    private final Paging paging;
    private final CredentialLinks credentials;
    /** Key details answers by outcome: found, invalid_request, unauthenticated, not_found, unavailable, failed. */
    private final HttpMetrics.Count[] detailsOutcomes;
    /** Keyed by identity ({@code weakKeys}): an entry goes when the key cache lets go of its instance. */
    private final Cache<ApiKey, DetailsAnswer> detailsAnswers = Caffeine.newBuilder().weakKeys()
            .maximumSize(10_000).build();

    public ApiKeyRoutes(ApiKeyService service, Paging paging) {
        this(service, paging, CredentialLinks.NONE);
    }

    public ApiKeyRoutes(ApiKeyService service, Paging paging, CredentialLinks credentials) {
        this(service, paging, credentials, HttpMetrics.NONE);
    }

    /** As above, counting key details answers by outcome in {@code metrics}. */
    public ApiKeyRoutes(ApiKeyService service, Paging paging, CredentialLinks credentials, HttpMetrics metrics) {
        this.service = service;
        this.paging = paging;
        this.credentials = credentials;
        this.detailsOutcomes = Stream.of("found", "invalid_request", "unauthenticated", "not_found", "unavailable",
                "failed").map(metrics::keyDetails).toArray(HttpMetrics.Count[]::new);
    }

    public void register(RouteTable routes) {
        routes.get("/v1/apikeys", Audience.AUTHENTICATED, this::list);
        routes.post("/v1/apikeys", Audience.AUTHENTICATED, this::create);
        routes.direct(HandlerType.GET, "/v1/apikeys/details", Audience.AUTHENTICATED, this::details,
                status -> detailsOutcomes[detailsOutcome(status)].increment());
        routes.get("/v1/apikeys/{id}", Audience.AUTHENTICATED, this::get);
        routes.put("/v1/apikeys/{id}", Audience.AUTHENTICATED, this::update);
        routes.delete("/v1/apikeys/{id}", Audience.AUTHENTICATED, this::delete);
        routes.post("/v1/apikeys/{id}/lock", Audience.AUTHENTICATED,
                (ctx, caller) -> noContent(ctx, () -> service.setLocked(caller, ctx.pathParam("id"), true)));
        routes.delete("/v1/apikeys/{id}/lock", Audience.AUTHENTICATED,
                (ctx, caller) -> noContent(ctx, () -> service.setLocked(caller, ctx.pathParam("id"), false)));
        routes.post("/v1/apikeys/{id}/rotate", Audience.AUTHENTICATED, this::rotate);
        routes.post("/v1/apikeys/{id}/disable", Audience.AUTHENTICATED,
                (ctx, caller) -> noContent(ctx, () -> service.setDisabled(caller, ctx.pathParam("id"), true)));
        routes.delete("/v1/apikeys/{id}/disable", Audience.AUTHENTICATED,
                (ctx, caller) -> noContent(ctx, () -> service.setDisabled(caller, ctx.pathParam("id"), false)));
    }

    private void create(Context ctx, Principal caller) {
        JsonBody body = JsonBody.of(ctx);
        CreateApiKey request = new CreateApiKey(body.string("name"), body.string("iam_id"),
                body.string("description"), body.string("account_id"), body.string("apikey"),
                body.bool("store_value"), body.bool("support_sessions"), body.string("action_when_leaked"),
                body.date("expires_at"), QueryParams.headerBool(ctx, "Entity-Lock"),
                QueryParams.headerBool(ctx, "Entity-Disable"));
        CreatedApiKey created = service.create(caller, request);
        respond(ctx, 201, created.key(), created.value(), false, false);
    }

    private void get(Context ctx, Principal caller) {
        ApiKey key = service.get(caller, ctx.pathParam("id"));
        respond(ctx, 200, key, service.storedValue(key).orElse(null), QueryParams.bool(ctx, "include_history"),
                QueryParams.bool(ctx, "include_activity"));
    }

    /**
     * The key hot path: any authenticated caller who holds a key's value may read its details. Whether the key's
     * value is stored and the credential it backs come with the key from its lookup, one statement on a cache miss
     * whatever the key's kind (decision 0039). The answer is kept per {@link ApiKey} instance, from the instance's
     * second request on ({@link DetailsAnswer#ASKED_ONCE}): the key cache hands out the same instance, with the facts
     * read alongside it, until the key changes, and its replacement is a new instance, so this memo is exactly as
     * fresh as that cache. That holds for a service ID key too: its credential is made with it and deleting the
     * credential deletes the key, and whether its value is stored never changes while its version lasts. An answer
     * that shows a stored value is never kept (no key value stays in memory for it), so such a key opens its value
     * each time, the one read beyond the lookup; history is read each time.
     */
    private void details(Exchange exchange, Principal caller) {
        String value = exchange.header("IAM-ApiKey");
        if (value == null || value.isEmpty()) {
            throw DomainException.invalid("Header 'IAM-ApiKey' is required: the API key whose details you want.");
        }
        FoundKey found = service.details(new Secret(value));
        ApiKey key = found.key();
        if (exchange.queryBool("include_history")) {
            exchange.header("Etag", EntityTag.of(key.id(), key.version())).json(200, wire(found, true));
            return;
        }
        DetailsAnswer answer = detailsAnswers.getIfPresent(key);
        if (answer == null || answer == DetailsAnswer.ASKED_ONCE) {
            DetailsAnswer made = new DetailsAnswer(EntityTag.of(key.id(), key.version()),
                    Json.bytes(wire(found, false)));
            if (!found.valueStored()) {
                detailsAnswers.put(key, answer == null ? DetailsAnswer.ASKED_ONCE : made);
            }
            answer = made;
        }
        exchange.header("Etag", answer.entityTag()).send(200, "application/json", answer.body());
    }

    /**
     * A key's details answer. An instance's first request keeps only {@link #ASKED_ONCE}, its second the answer: an
     * instance asked for once is usually one the full key cache read and let go (decision record 0055), and an
     * answer kept for it would outlive it long enough to die in the old generation.
     */
    private record DetailsAnswer(String entityTag, byte[] body) {
        static final DetailsAnswer ASKED_ONCE = new DetailsAnswer(null, null);
    }

    /** The index in {@link #detailsOutcomes} of a details answer with {@code status}. */
    private static int detailsOutcome(int status) {
        return switch (status) {
            case 200 -> 0;
            case 400 -> 1;
            case 401 -> 2;
            case 404 -> 3;
            case 503 -> 4;
            default -> 5;
        };
    }

    private void update(Context ctx, Principal caller) {
        JsonBody body = JsonBody.of(ctx);
        boolean removeExpiry = "".equals(body.string("expires_at")); // IBM: an empty expires_at removes the expiry
        UpdateApiKey request = new UpdateApiKey(body.string("name"), body.string("description"),
                body.bool("support_sessions"), body.string("action_when_leaked"),
                removeExpiry ? null : body.date("expires_at"), removeExpiry);
        ApiKey key = service.update(caller, ctx.pathParam("id"), ctx.header("If-Match"), request);
        respond(ctx, 200, key, service.storedValue(key).orElse(null), false, false);
    }

    /**
     * Latchkey's rotation (decision 0032): who may change the key may rotate it; {@code If-Match} is optional. The
     * answer is create's, with the new value this once, and is not to be stored by any cache.
     */
    private void rotate(Context ctx, Principal caller) {
        JsonBody body = JsonBody.of(ctx);
        body.requireKnownFields(Set.of("grace_seconds"));
        Long grace = body.wholeNumber("grace_seconds");
        CreatedApiKey rotated = service.rotate(caller, ctx.pathParam("id"), ctx.header("If-Match"),
                grace == null ? 0 : grace);
        ctx.header("Cache-Control", "no-store");
        respond(ctx, 201, rotated.key(), rotated.value(), false, false);
    }

    private void delete(Context ctx, Principal caller) {
        service.delete(caller, ctx.pathParam("id"));
        ctx.status(204);
    }

    /**
     * Keyset paging (decision 0038): {@code next} continues after the page's last key and {@code previous} goes back
     * from its first, each a position in the listing's order, so every page costs what the first does. The answer's
     * {@code offset} is counted along, and a previous page that would reach the start is the first page.
     */
    private void list(Context ctx, Principal caller) {
        int limit = Paging.size(ctx);
        PageToken token = PageToken.read(ctx, "pagetoken");
        boolean includeHistory = QueryParams.bool(ctx, "include_history");
        ApiKeyQuery.SortField sort = QueryParams.oneOf(ctx, "sort", ApiKeyQuery.SortField.class,
                ApiKeyQuery.SortField.CREATED_AT);
        boolean descending = QueryParams.descending(ctx);
        PageToken.Position from = token.positionFor("pagetoken", sort.name(), descending, !sort.nullable(),
                Fields.MAX_DESCRIPTION, sort::canHold);
        ApiKeyQuery.After after = from == null ? null : new ApiKeyQuery.After(from.value(), from.id());
        Page<ApiKey> page = service.list(caller, new ListApiKeys(ctx.queryParam("account_id"),
                ctx.queryParam("iam_id"), QueryParams.oneOf(ctx, "scope", ListApiKeys.Scope.class, ListApiKeys.Scope.ENTITY),
                QueryParams.oneOf(ctx, "type", ApiKeyQuery.KeyType.class, null), QueryParams.filter(ctx, ListApiKeys.FILTER_ATTRIBUTES),
                sort, descending, token.offset(), limit, after, from != null && from.before()));
        var marks = credentials.resourceKeyCrns(page.items().stream().filter(ApiKey::isServiceIdKey).map(ApiKey::id)
                .toList());
        var items = page.items().stream()
                .map(k -> ApiKeyWire.of(k, null, includeHistory ? service.history(k.id()) : null, null)
                        .withResourceKeyCrn(marks.get(k.id()))).toList();
        Paging.Neighbours neighbours = paging.neighbours(ctx, page, limit, (key, before) ->
                new PageToken.Position(sort.name(), descending, before, sort.valueOf(key), key.id()));
        Json.send(ctx, 200, new ApiKeyWire.ListWire(page.offset(), limit, paging.url(ctx, null), neighbours.previous(),
                neighbours.next(), items));
    }

    private void respond(Context ctx, int status, ApiKey key, Secret value, boolean history, boolean activity) {
        ctx.header("Etag", EntityTag.of(key.id(), key.version()));
        Json.send(ctx, status, wire(key, value, history, activity));
    }

    private ApiKeyWire wire(ApiKey key, Secret value, boolean history, boolean activity) {
        // Only service ID keys back credentials: a user key needs no lookup.
        String credential = key.isServiceIdKey() ? credentials.resourceKeyCrns(List.of(key.id())).get(key.id()) : null;
        return wire(key, value, credential, history, activity);
    }

    /** A found key's details: its credential came with it, and a stored value is opened only when there is one. */
    private ApiKeyWire wire(FoundKey found, boolean history) {
        Secret stored = found.valueStored() ? service.storedValue(found.key()).orElse(null) : null;
        return wire(found.key(), stored, found.resourceKeyCrn(), history, false);
    }

    private ApiKeyWire wire(ApiKey key, Secret value, String credential, boolean history, boolean activity) {
        return ApiKeyWire.of(key, value == null ? null : value.reveal(),
                history ? service.history(key.id()) : null, activity ? service.activity(key.id()) : null)
                .withResourceKeyCrn(credential);
    }

    private static void noContent(Context ctx, Runnable action) {
        action.run();
        ctx.status(204);
    }
}
