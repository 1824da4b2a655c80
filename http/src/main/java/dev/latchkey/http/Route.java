package dev.latchkey.http;

import dev.latchkey.core.common.Principal;
import io.javalin.http.HandlerType;
import java.util.function.IntConsumer;

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

    /**
     * A route served ahead of Javalin; its path is literal (no path parameters). {@code answered} is told the status
     * of each answer once it is sent, whatever sent it (the action, an authentication refusal, a failure): a route
     * that counts its outcomes for the metrics.
     */
    record Direct(HandlerType method, String path, Audience audience, DirectAction action, IntConsumer answered)
            implements Route {
        public Direct {
            if (path.contains("{") || path.length() > 1 && path.endsWith("/")) {
                throw new IllegalArgumentException("a direct route's path is literal, without a trailing slash: " + path);
            }
        }

        public Direct(HandlerType method, String path, Audience audience, DirectAction action) {
            this(method, path, audience, action, status -> {
            });
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
