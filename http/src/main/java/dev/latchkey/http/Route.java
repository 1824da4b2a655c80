package dev.latchkey.http;

import dev.latchkey.core.common.Principal;
import io.javalin.http.HandlerType;

/**
 * One registered route: method, path, who may call it, and what it does. Immutable. Most routes are
 * {@link Standard}: Javalin serves them. The two hot paths, the token exchange and key details, are
 * {@link Direct}: {@link DirectRoutes} serves them on Jetty's own request ahead of the servlet layer, which costs
 * about a quarter of a small request's CPU (docs/decisions/0013-direct-routes-for-the-hot-paths.md).
 */
public sealed interface Route permits Route.Standard, Route.Direct {
    HandlerType method();

    String path();

    Audience audience();

    /** A route Javalin serves. */
    record Standard(HandlerType method, String path, Audience audience, Action action) implements Route {
    }

    /** A route served ahead of Javalin; its path is literal (no path parameters). */
    record Direct(HandlerType method, String path, Audience audience, DirectAction action) implements Route {
        public Direct {
            if (path.contains("{") || path.length() > 1 && path.endsWith("/")) {
                throw new IllegalArgumentException("a direct route's path is literal, without a trailing slash: " + path);
            }
        }
    }

    /** A route body; {@code caller} is null on public routes and never null on authenticated ones. */
    @FunctionalInterface
    interface Action {
        void handle(io.javalin.http.Context ctx, Principal caller) throws Exception;
    }

    /** A direct route's body; {@code caller} as for {@link Action}. */
    @FunctionalInterface
    interface DirectAction {
        void handle(Exchange exchange, Principal caller) throws Exception;
    }
}
