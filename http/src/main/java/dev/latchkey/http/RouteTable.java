package dev.latchkey.http;

import dev.latchkey.core.common.Principal;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Collects routes, each with its {@link Audience}, and installs them so that authentication runs before every
 * non-public action. There is no way to add a route without stating its audience: deny by default.
 */
public final class RouteTable {
    private final List<Route> routes = new ArrayList<>();

    public RouteTable add(HandlerType method, String path, Audience audience, Route.Action action) {
        routes.add(new Route.Standard(method, path, audience, action));
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

    /** A hot route, served by {@link DirectRoutes} ahead of Javalin ({@link Route.Direct}). */
    public RouteTable direct(HandlerType method, String path, Audience audience, Route.DirectAction action) {
        routes.add(new Route.Direct(method, path, audience, action));
        return this;
    }

    /** As above; {@code answered} is told the status of every answer on the route ({@link Route.Direct}). */
    public RouteTable direct(HandlerType method, String path, Audience audience, Route.DirectAction action,
                             IntConsumer answered) {
        routes.add(new Route.Direct(method, path, audience, action, answered));
        return this;
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    List<Route.Direct> directRoutes() {
        return routes.stream().filter(Route.Direct.class::isInstance).map(Route.Direct.class::cast).toList();
    }

    /**
     * Every standard route, and for each GET the same handler as HEAD: HEAD must pass the same authentication and
     * authorization as GET (left to Javalin, it answered 200 to anyone). Jetty sends a HEAD answer without its body.
     */
    void install(RoutesConfig config, AccessTokenVerifier verifier) {
        for (Route route : routes) {
            if (route instanceof Route.Standard standard) {
                Handler handler = ctx -> {
                    Principal caller = authenticate(standard, verifier, ctx.header("Authorization"));
                    AccessLog.caller(ctx, caller);
                    standard.action().handle(ctx, caller);
                };
                config.addHttpHandler(standard.method(), standard.path(), handler);
                if (standard.method() == HandlerType.GET) {
                    config.addHttpHandler(HandlerType.HEAD, standard.path(), handler);
                }
            }
        }
    }

    /** The caller of a route: null on a public one, else the bearer of a valid token (or a 401 is thrown). */
    static Principal authenticate(Route route, AccessTokenVerifier verifier, String authorization) {
        return route.audience() == Audience.PUBLIC ? null : verifier.authenticate(authorization);
    }
}
