package dev.latchkey.http;

import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.ErrorCode;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.server.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: Javalin on Jetty with virtual threads, the route table, one place that turns every failure
 * into an IBM error body, and one log line per request (method, path, status, time, trace; never a query string,
 * header or body, so no secret reaches the log).
 */
public final class HttpServer implements AutoCloseable {
    /** Large enough for a leak report of 1,000 tokens; every field has its own, much smaller, limit. */
    public static final long MAX_REQUEST_BYTES = 1024 * 1024;
    private static final Logger ACCESS = LoggerFactory.getLogger("latchkey.access");
    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    private final Javalin javalin;

    public HttpServer(RouteTable routes, AccessTokenVerifier verifier, BooleanSupplier ready) {
        routes.get("/health", Audience.PUBLIC, (ctx, caller) -> {
            if (ready.getAsBoolean()) {
                Json.send(ctx, 200, java.util.Map.of("status", "ok"));
            } else {
                Json.send(ctx, 503, java.util.Map.of("status", "starting"));
            }
        });
        this.javalin = Javalin.create(config -> {
            configureStack(config);
            config.routes.before(Trace::begin);
            routes.install(config.routes, verifier);
            config.routes.exception(DomainException.class, (e, ctx) ->
                    ErrorBodies.management(ctx, e.errorCode(), e.getMessage(), e.details()));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> frameworkError(ctx, e.getStatus()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("unexpected failure on {} {} (trace {})", ctx.method(), ctx.path(), Trace.of(ctx), e);
                ErrorBodies.management(ctx, ErrorCode.INTERNAL,
                        "An internal error occurred; quote the trace id when reporting it.", null);
            });
            config.routes.error(404, ctx -> {
                if (ctx.result() == null) {
                    ErrorBodies.management(ctx, ErrorCode.ROUTE_NOT_FOUND,
                            "No route " + ctx.method() + " " + ctx.path() + " exists.", null);
                }
            });
            config.routes.error(405, ctx -> {
                if (ctx.result() == null) { // a route may answer 405 itself, with its own reason
                    ErrorBodies.management(ctx, ErrorCode.METHOD_NOT_ALLOWED,
                            "Method " + ctx.method() + " is not allowed on " + ctx.path() + ".", null);
                }
            });
            config.requestLogger.http((ctx, ms) -> ACCESS.info("{} {} {} {}ms trace={}", ctx.method(), ctx.path(),
                    ctx.statusCode(), Math.round(ms), Trace.of(ctx)));
        });
    }

    /**
     * The HTTP stack as Latchkey runs it, shared with the benchmark's bare JSON server so that its ceiling is
     * measured on exactly this set-up: Jetty on virtual threads, the request-size limit, 405 before 404, trailing
     * slashes ignored, no banner; answers are small JSON, so a 4 KiB response buffer instead of Jetty's 32 KiB
     * and no gzip, whose CPU costs more than the bytes it saves at these sizes. No request statistics: nothing
     * reads them, and Javalin's Jetty {@code StatisticsHandler} wraps every request and response.
     */
    public static void configureStack(JavalinConfig config) {
        config.concurrency.useVirtualThreads = true;
        config.http.maxRequestSize = MAX_REQUEST_BYTES;
        config.http.prefer405over404 = true;
        config.http.responseBufferSize = 4096;
        config.http.compressionStrategy = CompressionStrategy.NONE;
        config.startup.showJavalinBanner = false;
        config.router.ignoreTrailingSlashes = true;
        config.jetty.modifyServer(server -> server.setHandler((Handler) null)); // Javalin's StatisticsHandler
    }

    private static void frameworkError(io.javalin.http.Context ctx, int status) {
        if (status == HttpStatus.CONTENT_TOO_LARGE.getCode()) {
            ErrorBodies.management(ctx, ErrorCode.BODY_TOO_LARGE,
                    "The request body is larger than " + MAX_REQUEST_BYTES + " bytes.", null);
        } else if (status == 404) {
            ErrorBodies.management(ctx, ErrorCode.ROUTE_NOT_FOUND, "No route " + ctx.method() + " " + ctx.path()
                    + " exists.", null);
        } else if (status == 405) {
            ErrorBodies.management(ctx, ErrorCode.METHOD_NOT_ALLOWED,
                    "Method " + ctx.method() + " is not allowed on " + ctx.path() + ".", null);
        } else {
            ErrorBodies.management(ctx, status >= 500 ? ErrorCode.INTERNAL : ErrorCode.INVALID_REQUEST,
                    "The request could not be processed (HTTP " + status + ").", null);
        }
    }

    public HttpServer start(String host, int port) {
        javalin.start(host, port);
        return this;
    }

    public int port() {
        return javalin.port();
    }

    @Override
    public void close() {
        javalin.stop();
    }
}
