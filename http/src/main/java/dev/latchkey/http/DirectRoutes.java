package dev.latchkey.http;

import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.Principal;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Serves the {@link Route.Direct} routes on Jetty's own request and response, ahead of the servlet context that
 * Javalin runs in; every other request goes on to Javalin. What Javalin does around a route is done here the
 * same way: the trace id, authentication by {@link Audience}, a {@link DomainException} as IBM's error body, any
 * other failure as a logged 500, and the access line (with the route and the authenticated caller's IAM ID). Only
 * the method and path of a direct route are matched here; another method on the same path goes on to Javalin,
 * which answers 405 for it ({@link HttpServer}). As the outermost handler it takes the trace id out of the logging
 * MDC when any request is done. The audit origin ({@code AuditOrigin}) is not set here: a direct route that may
 * record audit events (the token route) sets it itself, and the key-details route, which records none, pays nothing.
 */
public final class DirectRoutes extends Handler.Wrapper {
    private static final Logger LOG = LoggerFactory.getLogger(DirectRoutes.class);
    private final Map<String, Map<String, Served>> byPath = new HashMap<>();
    private final AccessTokenVerifier verifier;
    private final Predicate<Throwable> outage;
    private final ClientOrigin origin;

    /** As below, trusting no proxy. */
    public DirectRoutes(RouteTable routes, AccessTokenVerifier verifier, Predicate<Throwable> outage) {
        this(routes, verifier, outage, ClientOrigin.direct());
    }

    /**
     * The direct routes of {@code routes}; {@code verifier} may be null when all of them are public. A failure that
     * {@code outage} recognises is a 503 with {@code Retry-After}, any other a 500. {@code origin} says who the
     * client is (which forwarding headers to believe).
     */
    public DirectRoutes(RouteTable routes, AccessTokenVerifier verifier, Predicate<Throwable> outage,
                        ClientOrigin origin) {
        this(routes, verifier, outage, origin, HttpMetrics.NONE);
    }

    /** As above, counting each route's answers by status class in {@code metrics}. */
    public DirectRoutes(RouteTable routes, AccessTokenVerifier verifier, Predicate<Throwable> outage,
                        ClientOrigin origin, HttpMetrics metrics) {
        for (Route.Direct route : routes.directRoutes()) {
            if (route.audience() != Audience.PUBLIC && verifier == null) {
                throw new IllegalArgumentException("an authenticated route needs a verifier: " + route.path());
            }
            StatusCounts counts = metrics == HttpMetrics.NONE ? null
                    : new StatusCounts(metrics, route.method().name(), route.path());
            byPath.computeIfAbsent(route.path(), p -> new HashMap<>()).put(route.method().name(),
                    new Served(route, counts));
        }
        this.verifier = verifier;
        this.outage = outage;
        this.origin = origin;
    }

    /** A route with its answer counts (null when nothing counts them), found once per request. */
    private record Served(Route.Direct route, StatusCounts counts) {
    }

    /** Whether a direct route exists on {@code path} (a trailing slash ignored), whatever its method. */
    boolean servesPath(String path) {
        return byPath.containsKey(withoutTrailingSlash(path));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!AccessLog.structured()) {
            return serve(request, response, callback);
        }
        try {
            return serve(request, response, callback);
        } finally {
            MDC.remove(Trace.MDC_KEY); // put by the direct route below or by Trace.begin in Javalin's servlet
        }
    }

    private boolean serve(Request request, Response response, Callback callback) throws Exception {
        String path = withoutTrailingSlash(Request.getPathInContext(request));
        Map<String, Served> methods = byPath.get(path);
        Served served = methods == null ? null : methods.get(request.getMethod());
        if (served == null) {
            return super.handle(request, response, callback);
        }
        Route.Direct route = served.route();
        long started = System.nanoTime();
        Exchange exchange = new Exchange(request, response, origin);
        if (AccessLog.structured()) {
            MDC.put(Trace.MDC_KEY, exchange.trace());
        }
        Principal caller = null;
        try {
            QueryParams.requireWellFormed(request.getHttpURI().getQuery());
            caller = RouteTable.authenticate(route, verifier, exchange.header("Authorization"));
            route.action().handle(exchange, caller);
        } catch (DomainException | HttpRefusal e) {
            ErrorBodies.Refusal refusal = ErrorBodies.refusal(e);
            ErrorBodies.management(exchange, refusal.code(), refusal.message(), refusal.details());
        } catch (Exception e) {
            Failures.Answer answer = Failures.answerFor(e, outage, LOG, request.getMethod(), path, exchange.trace());
            if (answer.retryLater()) {
                exchange.header("Retry-After", Failures.RETRY_AFTER_SECONDS);
            }
            ErrorBodies.management(exchange, answer.code(), answer.message(), null);
        }
        // counted before the response leaves, so that a client that has its answer finds it counted
        route.answered().accept(exchange.status());
        if (served.counts() != null) {
            served.counts().answered(exchange.status());
        }
        exchange.complete(callback);
        AccessLog.line(request.getMethod(), request.getHttpURI().getPath(), route.path(), exchange.status(),
                (System.nanoTime() - started) / 1_000_000, exchange.trace(), exchange.ip(),
                caller == null ? null : caller.iamId());
        return true;
    }

    private static String withoutTrailingSlash(String path) {
        return path != null && path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
