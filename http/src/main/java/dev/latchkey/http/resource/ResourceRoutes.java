package dev.latchkey.http.resource;

import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.Page;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.resource.CreateResourceInstance;
import dev.latchkey.core.resource.CreateResourceKey;
import dev.latchkey.core.resource.ResourceFilter;
import dev.latchkey.core.resource.ResourceKeyView;
import dev.latchkey.core.resource.ResourceService;
import dev.latchkey.core.resource.ResourceState;
import dev.latchkey.core.resource.ResourceStore;
import dev.latchkey.http.Audience;
import dev.latchkey.http.Json;
import dev.latchkey.http.JsonBody;
import dev.latchkey.http.PageToken;
import dev.latchkey.http.Paging;
import dev.latchkey.http.QueryParams;
import dev.latchkey.http.RouteTable;
import io.javalin.http.Context;
import java.util.List;
import java.util.function.Function;

/**
 * IBM Resource Controller v2's instance and key routes (reference §4): {@code /v2/resource_instances…} and
 * {@code /v2/resource_keys…}. Path ids are guids or URL-encoded CRNs. Lists page with {@code limit} (1–200,
 * default 100) and {@code start}, answering {@code rows_count} and a relative {@code next_url}, whose {@code start}
 * continues after the page's last row (keyset paging, decision 0038; a {@code start} of the older offset form is
 * still read). Errors use
 * Latchkey's usual body, whose {@code errors[0].message} IBM's SDKs read first. Every route needs an access token;
 * who may do what is decided in {@link ResourceService}.
 */
public final class ResourceRoutes {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 200;
    private static final String START = "start";
    private final ResourceService service;

    public ResourceRoutes(ResourceService service) {
        this.service = service;
    }

    public void register(RouteTable routes) {
        routes.get("/v2/resource_instances", Audience.AUTHENTICATED, (ctx, caller) -> sendPage(ctx,
                service.listInstances(caller, filter(ctx, null)), ResourceStore.Position::of,
                ResourceWire.Instance::of));
        routes.post("/v2/resource_instances", Audience.AUTHENTICATED, this::createInstance);
        routes.get("/v2/resource_instances/{id}", Audience.AUTHENTICATED, (ctx, caller) -> Json.send(ctx, 200,
                ResourceWire.Instance.of(service.getInstance(caller, ctx.pathParam("id")))));
        routes.patch("/v2/resource_instances/{id}", Audience.AUTHENTICATED, this::updateInstance);
        routes.delete("/v2/resource_instances/{id}", Audience.AUTHENTICATED, (ctx, caller) -> {
            service.deleteInstance(caller, ctx.pathParam("id"), QueryParams.bool(ctx, "recursive"));
            ctx.status(204);
        });
        routes.get("/v2/resource_instances/{id}/resource_keys", Audience.AUTHENTICATED, (ctx, caller) -> sendPage(ctx,
                service.listKeys(caller, filter(ctx, ctx.pathParam("id"))), ResourceRoutes::positionOf,
                ResourceWire.Key::of));
        routes.post("/v2/resource_instances/{id}/lock", Audience.AUTHENTICATED, (ctx, caller) -> Json.send(ctx, 200,
                ResourceWire.Instance.of(service.setLocked(caller, ctx.pathParam("id"), true))));
        routes.delete("/v2/resource_instances/{id}/lock", Audience.AUTHENTICATED, (ctx, caller) -> Json.send(ctx, 200,
                ResourceWire.Instance.of(service.setLocked(caller, ctx.pathParam("id"), false))));
        routes.get("/v2/resource_keys", Audience.AUTHENTICATED, (ctx, caller) -> sendPage(ctx,
                service.listKeys(caller, filter(ctx, null)), ResourceRoutes::positionOf, ResourceWire.Key::of));
        routes.post("/v2/resource_keys", Audience.AUTHENTICATED, this::createKey);
        routes.get("/v2/resource_keys/{id}", Audience.AUTHENTICATED, (ctx, caller) -> Json.send(ctx, 200,
                ResourceWire.Key.of(service.getKey(caller, ctx.pathParam("id")))));
        routes.patch("/v2/resource_keys/{id}", Audience.AUTHENTICATED, (ctx, caller) -> Json.send(ctx, 200,
                ResourceWire.Key.of(service.renameKey(caller, ctx.pathParam("id"), requiredName(JsonBody.of(ctx))))));
        routes.delete("/v2/resource_keys/{id}", Audience.AUTHENTICATED, (ctx, caller) -> {
            service.deleteKey(caller, ctx.pathParam("id"));
            ctx.status(204);
        });
    }

    private void createInstance(Context ctx, Principal caller) {
        JsonBody body = JsonBody.of(ctx);
        JsonBody parameters = body.object("parameters");
        body.strings("tags");           // accepted as IBM's SDK sends them; Latchkey's resources carry no tags
        body.bool("allow_cleanup");
        CreateResourceInstance request = new CreateResourceInstance(body.string("name"), body.string("target"),
                body.string("resource_group"), body.string("resource_plan_id"), body.string("resource_id"),
                body.string("service_name"), parameters == null ? null : parameters.string("service_name"),
                QueryParams.headerBool(ctx, "Entity-Lock"));
        Json.send(ctx, 201, ResourceWire.Instance.of(service.createInstance(caller, request)));
    }

    /**
     * IBM's update takes name, parameters, plan and allow_cleanup; Latchkey changes the name and the plan (within
     * the instance's service, decision 0045), and accepts the others as IBM's SDK sends them.
     */
    private void updateInstance(Context ctx, Principal caller) {
        JsonBody body = JsonBody.of(ctx);
        body.object("parameters");
        body.bool("allow_cleanup");
        Json.send(ctx, 200, ResourceWire.Instance.of(service.updateInstance(caller, ctx.pathParam("id"),
                body.string("name"), body.string("resource_plan_id"))));
    }

    private void createKey(Context ctx, Principal caller) {
        JsonBody body = JsonBody.of(ctx);
        JsonBody parameters = body.object("parameters");
        CreateResourceKey request = new CreateResourceKey(body.string("name"), body.string("source"),
                body.string("role"), parameters == null ? null : parameters.string("serviceid_crn"));
        Json.send(ctx, 201, ResourceWire.Key.of(service.createKey(caller, request)));
    }

    private static String requiredName(JsonBody body) {
        String name = body.string("name");
        if (name == null) {
            throw DomainException.invalid("Field 'name' is required: the name is what can be changed here.");
        }
        return name;
    }

    private static ResourceFilter filter(Context ctx, String instance) {
        PageToken token = PageToken.read(ctx, START);
        PageToken.Position from = token.createdAtPositionFor(START, false, true); // no previous page
        return new ResourceFilter(ctx.queryParam("guid"), ctx.queryParam("name"), ctx.queryParam("resource_id"),
                ctx.queryParam("resource_group_id"), ctx.queryParam("resource_plan_id"), states(ctx.queryParam("state")),
                instance, token.offset(), limit(ctx),
                from == null ? null : new ResourceStore.Position(from.createdAt(), from.id()));
    }

    private static ResourceStore.Position positionOf(ResourceKeyView view) {
        return ResourceStore.Position.of(view.key());
    }

    /** IBM's instance states; only active and removed ever hold anything here. Null: active ones. */
    static List<ResourceState> states(String state) {
        if (state == null || state.isEmpty()) {
            return List.of(ResourceState.ACTIVE);
        }
        return switch (state) {
            case "active" -> List.of(ResourceState.ACTIVE);
            case "removed" -> List.of(ResourceState.REMOVED);
            case "inactive", "failed", "pending_reclamation", "provisioning", "pre_provisioning" -> List.of();
            default -> throw DomainException.invalid("Parameter 'state' must be one of active, inactive, failed, "
                    + "pending_reclamation, provisioning, pre_provisioning, removed.");
        };
    }

    /** IBM's {@code limit}: IBM's own tests ask for 200 per page, so up to 200 are served. */
    static int limit(Context ctx) {
        String value = ctx.queryParam("limit");
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw DomainException.invalid("Parameter 'limit' must be a whole number from 1 to " + MAX_LIMIT + ".");
    }

    /** A page of a listing that pages by offset: the plan catalogue, which holds a few plans per account. */
    static <T, W> void sendPageByOffset(Context ctx, Page<T> page, Function<T, W> wire) {
        List<W> items = page.items().stream().map(wire).toList();
        String next = page.hasMore() ? Paging.relativeUrl(ctx, START, Paging.token(page.offset() + page.limit()))
                : null;
        Json.send(ctx, 200, new ResourceWire.ListWire<>(items.size(), next, items));
    }

    /** A page of instances or keys, whose {@code next_url} continues after its last row ({@code position}). */
    private static <T, W> void sendPage(Context ctx, Page<T> page, Function<T, ResourceStore.Position> position,
                                        Function<T, W> wire) {
        List<W> items = page.items().stream().map(wire).toList();
        String token = Paging.nextToken(page, row -> {
            ResourceStore.Position at = position.apply(row);
            return PageToken.Position.createdAt(at.createdAt(), at.guid(), false, false);
        });
        Json.send(ctx, 200, new ResourceWire.ListWire<>(items.size(),
                token == null ? null : Paging.relativeUrl(ctx, START, token), items));
    }
}
