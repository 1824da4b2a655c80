package dev.latchkey.http.serviceid;

import dev.latchkey.core.common.EntityTag;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.serviceid.CreateServiceIdGroup;
import dev.latchkey.core.serviceid.ServiceIdGroup;
import dev.latchkey.core.serviceid.ServiceIdGroupService;
import dev.latchkey.core.serviceid.UpdateServiceIdGroup;
import dev.latchkey.http.Audience;
import dev.latchkey.http.Json;
import dev.latchkey.http.JsonBody;
import dev.latchkey.http.RouteTable;
import io.javalin.http.Context;

/**
 * IBM IAM Identity's service ID group routes under {@code /v1/serviceid_groups}, as IBM's SDKs call them
 * ({@code listServiceIdGroup}, {@code createServiceIdGroup}, {@code getServiceIdGroup}, {@code updateServiceIdGroup}
 * with {@code If-Match}, {@code deleteServiceIdGroup}). Every route needs an access token; who may do what is decided
 * in {@link ServiceIdGroupService} (decision 0043). Like the service ID routes, create, get and update send the
 * group's {@code Etag}.
 */
public final class ServiceIdGroupRoutes {
    private final ServiceIdGroupService service;

    public ServiceIdGroupRoutes(ServiceIdGroupService service) {
        this.service = service;
    }

    public void register(RouteTable routes) {
        routes.get("/v1/serviceid_groups", Audience.AUTHENTICATED, (ctx, caller) -> Json.send(ctx, 200,
                new ServiceIdGroupWire.ListWire(service.list(caller, ctx.queryParam("account_id")).stream()
                        .map(ServiceIdGroupWire::of).toList())));
        routes.post("/v1/serviceid_groups", Audience.AUTHENTICATED, this::create);
        routes.get("/v1/serviceid_groups/{id}", Audience.AUTHENTICATED,
                (ctx, caller) -> respond(ctx, 200, service.get(caller, ctx.pathParam("id"))));
        routes.put("/v1/serviceid_groups/{id}", Audience.AUTHENTICATED, this::update);
        routes.delete("/v1/serviceid_groups/{id}", Audience.AUTHENTICATED, (ctx, caller) -> {
            service.delete(caller, ctx.pathParam("id"));
            ctx.status(204);
        });
    }

    private void create(Context ctx, Principal caller) {
        JsonBody body = JsonBody.of(ctx);
        respond(ctx, 201, service.create(caller, new CreateServiceIdGroup(body.string("account_id"),
                body.string("name"), body.string("description"))));
    }

    private void update(Context ctx, Principal caller) {
        JsonBody body = JsonBody.of(ctx);
        respond(ctx, 200, service.update(caller, ctx.pathParam("id"), ctx.header("If-Match"),
                new UpdateServiceIdGroup(body.string("name"), body.string("description"))));
    }

    private static void respond(Context ctx, int status, ServiceIdGroup group) {
        ctx.header("Etag", EntityTag.of(group.id(), group.version()));
        Json.send(ctx, status, ServiceIdGroupWire.of(group));
    }
}
