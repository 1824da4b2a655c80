package dev.latchkey.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects routes, each with its {@link Audience}, and installs them so that authentication runs before every
 * non-public action. There is no way to add a route without stating its audience: deny by default.
 */
public final class RouteTable {
    private final List<Route> routes = new ArrayList<>();

    public RouteTable add(HandlerType method, String path, Audience audience, Route.Action action) {
        routes.add(new Route(method, path, audience, action));
        return this;
    }

    public RouteTable get(String path, Audience audience, Route.Action action) {
        return add(HandlerType.GET, path, audience, action);
    }

    public RouteTable post(String path, Audience audience, Route.Action action) {
        return add(HandlerType.POST, path, audience, action);
    }

    public RouteTable put(String path, Audience audience, Route.Action action) {
        return add(HandlerType.PUT, path, audience, action);
    }

    public RouteTable patch(String path, Audience audience, Route.Action action) {
        return add(HandlerType.PATCH, path, audience, action);
    }

    public RouteTable delete(String path, Audience audience, Route.Action action) {
        return add(HandlerType.DELETE, path, audience, action);
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    void install(RoutesConfig config, AccessTokenVerifier verifier) {
        for (Route route : routes) {
            config.addHttpHandler(route.method(), route.path(), ctx -> {
                var caller = route.audience() == Audience.PUBLIC ? null
                        : verifier.authenticate(ctx.header("Authorization"));
                route.action().handle(ctx, caller);
            });
        }
    }
}
