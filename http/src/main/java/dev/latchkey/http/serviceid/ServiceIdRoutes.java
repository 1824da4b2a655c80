package dev.latchkey.http.serviceid;

import dev.latchkey.core.common.EntityTag;
import dev.latchkey.core.common.Fields;
import dev.latchkey.core.common.Page;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.serviceid.CreateServiceId;
import dev.latchkey.core.serviceid.CreatedServiceId;
import dev.latchkey.core.serviceid.ListServiceIds;
import dev.latchkey.core.serviceid.ServiceId;
import dev.latchkey.core.serviceid.ServiceIdQuery;
import dev.latchkey.core.serviceid.ServiceIdService;
import dev.latchkey.core.serviceid.UpdateServiceId;
import dev.latchkey.http.Audience;
import dev.latchkey.http.Json;
import dev.latchkey.http.JsonBody;
import dev.latchkey.http.PageToken;
import dev.latchkey.http.Paging;
import dev.latchkey.http.QueryParams;
import dev.latchkey.http.RouteTable;
import dev.latchkey.http.apikey.ApiKeyWire;
import io.javalin.http.Context;

/**
 * IBM IAM Identity's service ID routes under {@code /v1/serviceids} (reference §3). IBM's SDK calls the
 * collection with a trailing slash ({@code /v1/serviceids/}); the router ignores trailing slashes, so both forms
 * reach the same route. Every route needs an access token; who may do what is decided in
 * {@link ServiceIdService}. A service ID's group: {@code group_id} in the create and update bodies and as the
 * listing's filter, shown when {@code show_group_id=true} (decision 0043).
 */
public final class ServiceIdRoutes {
    /** IBM's query parameter that asks for {@code group_id} in the answer. */
    static final String SHOW_GROUP_ID = "show_group_id";
    private final ServiceIdService service;
    private final Paging paging;

    public ServiceIdRoutes(ServiceIdService service, Paging paging) {
        this.service = service;
        this.paging = paging;
    }

    public void register(RouteTable routes) {
        routes.get("/v1/serviceids", Audience.AUTHENTICATED, this::list);
        routes.post("/v1/serviceids", Audience.AUTHENTICATED, this::create);
        routes.get("/v1/serviceids/{id}", Audience.AUTHENTICATED, this::get);
        routes.put("/v1/serviceids/{id}", Audience.AUTHENTICATED, this::update);
        routes.delete("/v1/serviceids/{id}", Audience.AUTHENTICATED, (ctx, caller) -> {
            service.delete(caller, ctx.pathParam("id"));
            ctx.status(204);
        });
        routes.post("/v1/serviceids/{id}/lock", Audience.AUTHENTICATED, (ctx, caller) -> {
            service.setLocked(caller, ctx.pathParam("id"), true);
            ctx.status(204);
        });
        routes.delete("/v1/serviceids/{id}/lock", Audience.AUTHENTICATED, (ctx, caller) -> {
            service.setLocked(caller, ctx.pathParam("id"), false);
            ctx.status(204);
        });
    }

    private void create(Context ctx, Principal caller) {
        JsonBody body = JsonBody.of(ctx);
        JsonBody key = body.object("apikey");
        CreateServiceId.NestedApiKey nested = key == null ? null : new CreateServiceId.NestedApiKey(
                key.string("name"), key.string("description"), key.string("apikey"), key.bool("store_value"),
                key.string("action_when_leaked"), key.date("expires_at"));
        CreateServiceId request = new CreateServiceId(body.string("account_id"), body.string("name"),
                body.string("description"), body.strings("unique_instance_crns"), nested,
                QueryParams.headerBool(ctx, "Entity-Lock"), body.string("group_id"));
        boolean showGroup = QueryParams.bool(ctx, SHOW_GROUP_ID);
        CreatedServiceId created = service.create(caller, request);
        ApiKeyWire apikey = created.apiKey() == null ? null
                : ApiKeyWire.of(created.apiKey().key(), created.apiKey().value().reveal(), null, null);
        respond(ctx, 201, ServiceIdWire.of(created.serviceId(), showGroup, null, apikey, null), created.serviceId());
    }

    private void get(Context ctx, Principal caller) {
        boolean history = QueryParams.bool(ctx, "include_history");
        boolean activity = QueryParams.bool(ctx, "include_activity");
        boolean showGroup = QueryParams.bool(ctx, SHOW_GROUP_ID);
        ServiceId serviceId = service.get(caller, ctx.pathParam("id"));
        respond(ctx, 200, ServiceIdWire.of(serviceId, showGroup, history ? service.history(serviceId.id()) : null,
                null, activity ? service.activity(serviceId) : null), serviceId);
    }

    private void update(Context ctx, Principal caller) {
        JsonBody body = JsonBody.of(ctx);
        UpdateServiceId request = new UpdateServiceId(body.string("name"), body.string("description"),
                body.strings("unique_instance_crns"), body.string("group_id"));
        boolean showGroup = QueryParams.bool(ctx, SHOW_GROUP_ID);
        ServiceId serviceId = service.update(caller, ctx.pathParam("id"), ctx.header("If-Match"), request);
        respond(ctx, 200, ServiceIdWire.of(serviceId, showGroup, null, null, null), serviceId);
    }

    /**
     * Keyset paging (decision 0038), as the key listing pages: {@code next} continues after the page's last service
     * ID and {@code previous} goes back from its first, so every page costs what the first does. A token of the older
     * offset form is still read as an offset.
     */
    private void list(Context ctx, Principal caller) {
        int limit = Paging.size(ctx);
        PageToken token = PageToken.read(ctx, "pagetoken");
        boolean includeHistory = QueryParams.bool(ctx, "include_history");
        boolean showGroup = QueryParams.bool(ctx, SHOW_GROUP_ID);
        ServiceIdQuery.SortField sort = QueryParams.oneOf(ctx, "sort", ServiceIdQuery.SortField.class,
                ServiceIdQuery.SortField.CREATED_AT);
        boolean descending = QueryParams.descending(ctx);
        PageToken.Position from = token.positionFor("pagetoken", sort.name(), descending, !sort.nullable(),
                Fields.MAX_DESCRIPTION, sort::canHold);
        ServiceIdQuery.After after = from == null ? null : new ServiceIdQuery.After(from.value(), from.id());
        Page<ServiceId> page = service.list(caller, new ListServiceIds(ctx.queryParam("account_id"),
                ctx.queryParam("name"), QueryParams.filter(ctx, ListServiceIds.FILTER_ATTRIBUTES), sort, descending,
                token.offset(), limit, ctx.queryParam("group_id"), after, from != null && from.before()));
        var items = page.items().stream().map(s -> ServiceIdWire.of(s, showGroup,
                includeHistory ? service.history(s.id()) : null, null, null)).toList();
        Paging.Neighbours neighbours = paging.neighbours(ctx, page, limit, (serviceId, before) ->
                new PageToken.Position(sort.name(), descending, before, sort.valueOf(serviceId), serviceId.id()));
        Json.send(ctx, 200, new ServiceIdWire.ListWire(page.offset(), limit, paging.url(ctx, null),
                neighbours.previous(), neighbours.next(), items));
    }

    private static void respond(Context ctx, int status, ServiceIdWire body, ServiceId serviceId) {
        ctx.header("Etag", EntityTag.of(serviceId.id(), serviceId.version()));
        Json.send(ctx, status, body);
    }
}
