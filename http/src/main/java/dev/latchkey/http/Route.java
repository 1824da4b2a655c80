package dev.latchkey.http;

import io.javalin.http.HandlerType;

/** One registered route: method, path, who may call it, and what it does. Immutable. */
public record Route(HandlerType method, String path, Audience audience, Action action) {

    /** A route body; {@code caller} is null on public routes and never null on authenticated ones. */
    @FunctionalInterface
    public interface Action {
        void handle(io.javalin.http.Context ctx, dev.latchkey.core.access.Principal caller) throws Exception;
    }
}
