package dev.latchkey.http.resource;

import dev.latchkey.core.common.Principal;
import dev.latchkey.core.resource.PlanCatalogue;
import dev.latchkey.core.resource.RegisterResourcePlan;
import dev.latchkey.http.Audience;
import dev.latchkey.http.Json;
import dev.latchkey.http.JsonBody;
import dev.latchkey.http.Paging;
import dev.latchkey.http.RouteTable;
import io.javalin.http.Context;
import java.util.Set;

/**
 * The plan catalogue, {@code /v2/resource_plans…}: Latchkey's own routes (IBM's Global Catalog API is far larger),
 * beside the Resource Controller's, in its shapes: lists page with {@code limit} (1–200, default 100) and
 * {@code start}, answering {@code rows_count} and a relative {@code next_url}; errors are Latchkey's usual body. A
 * plan's id is the {@code resource_plan_id} instances name. Every route needs an access token; who may do what is
 * decided in {@link PlanCatalogue} (decision 0045).
 */
public final class ResourcePlanRoutes {
    private static final Set<String> REGISTER_FIELDS = Set.of("id", "name", "resource_id", "service_name");
    private final PlanCatalogue catalogue;

    public ResourcePlanRoutes(PlanCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    public void register(RouteTable routes) {
        routes.get("/v2/resource_plans", Audience.AUTHENTICATED, (ctx, caller) -> ResourceRoutes.sendPageByOffset(ctx,
                catalogue.list(caller, ctx.queryParam("resource_id"), Paging.offset(ctx, "start"),
                        ResourceRoutes.limit(ctx)), ResourceWire.Plan::of));
        routes.post("/v2/resource_plans", Audience.AUTHENTICATED, this::register);
        routes.get("/v2/resource_plans/{id}", Audience.AUTHENTICATED, (ctx, caller) -> Json.send(ctx, 200,
                ResourceWire.Plan.of(catalogue.get(caller, ctx.pathParam("id")))));
        routes.delete("/v2/resource_plans/{id}", Audience.AUTHENTICATED, (ctx, caller) -> {
            catalogue.delete(caller, ctx.pathParam("id"));
            ctx.status(204);
        });
    }

    private void register(Context ctx, Principal caller) {
        JsonBody body = JsonBody.of(ctx);
        body.requireKnownFields(REGISTER_FIELDS);
        RegisterResourcePlan request = new RegisterResourcePlan(body.string("id"), body.string("name"),
                body.string("resource_id"), body.string("service_name"));
        Json.send(ctx, 201, ResourceWire.Plan.of(catalogue.register(caller, request)));
    }
}
