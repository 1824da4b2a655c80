package dev.latchkey.http;

import dev.latchkey.core.audit.AuditOrigin;
import dev.latchkey.core.common.DomainException;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.JavalinConfig;
import io.javalin.config.JettyConfig;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.util.JavalinBindException;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.component.ContainerLifeCycle;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: Javalin on Jetty with virtual threads, the route table (its two hot routes served by
 * {@link DirectRoutes} in front of Javalin), one place that turns every failure into an IBM error body, and one
 * log line per request ({@link AccessLog}: method, path, route template, status, time, trace, client address and
 * the authenticated caller's IAM ID; never a query string, header or body, so no secret reaches the log).
 */
public final class HttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    private final Javalin javalin;
    private final Draining draining;
    private final Health health;
    private volatile Server jetty;

    public HttpServer(RouteTable routes, AccessTokenVerifier verifier, Health health) {
        this(routes, verifier, health, List.of());
    }

    /** With {@code mounts} (the console) installed after the API's routes. */
    public HttpServer(RouteTable routes, AccessTokenVerifier verifier, Health health, List<Mount> mounts) {
        this(routes, verifier, health, mounts, ClientOrigin.direct(), null);
    }

    /**
     * With {@code mounts} (the console) installed after the API's routes; {@code origin} says which forwarding
     * headers to believe ({@code --trusted-proxies}); {@code tls}, when not null, serves HTTPS (TLS 1.2 and 1.3) on
     * the port instead of HTTP.
     */
    public HttpServer(RouteTable routes, AccessTokenVerifier verifier, Health health, List<Mount> mounts,
                      ClientOrigin origin, TlsCertificate tls) {
        this(routes, verifier, health, mounts, origin, tls, HttpMetrics.NONE);
    }

    /** As above, counting every answer by route template and status class in {@code metrics}. */
    public HttpServer(RouteTable routes, AccessTokenVerifier verifier, Health health, List<Mount> mounts,
                      ClientOrigin origin, TlsCertificate tls, HttpMetrics metrics) {
        this(routes, verifier, health, mounts, origin, tls, metrics, null, true);
    }

    /**
     * {@code readiness}: the server whose drain {@code /health/ready} reports, null for this one; {@code logged}:
     * whether each request writes an access line.
     */
    private HttpServer(RouteTable routes, AccessTokenVerifier verifier, Health health, List<Mount> mounts,
                       ClientOrigin origin, TlsCertificate tls, HttpMetrics metrics, Draining readiness,
                       boolean logged) {
        DirectRoutes direct = new DirectRoutes(routes, verifier, health::isOutage, origin, metrics);
        Draining draining = new Draining(direct);
        this.draining = draining;
        this.health = health;
        registerHealth(routes, health, readiness == null ? draining : readiness);
        Map<String, StatusCounts> counted = metrics == HttpMetrics.NONE ? null : new ConcurrentHashMap<>();
        this.javalin = Javalin.create(config -> {
            configureStack(config, direct, tls);
            config.jetty.modifyServer(server -> {
                server.setHandler(draining); // outermost: counts every request, the direct ones included
                jetty = server;
            });
            config.routes.before(ctx -> {
                Trace.begin(ctx);
                origin.attach(ctx);
                // what an audit event recorded while serving this request names as its origin; ended below
                AuditOrigin.begin(() -> ClientOrigin.address(ctx), Trace.of(ctx));
            });
            config.routes.before(ctx -> QueryParams.requireWellFormed(ctx.queryString()));
            routes.install(config.routes, verifier);
            mounts.forEach(mount -> mount.install(config.routes));
            config.routes.exception(DomainException.class, (e, ctx) -> refused(ctx, e));
            config.routes.exception(HttpRefusal.class, (e, ctx) -> refused(ctx, e));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> frameworkError(ctx, e.getStatus(), direct));
            config.routes.exception(Exception.class, (e, ctx) -> {
                Failures.Answer answer = Failures.answerFor(e, health::isOutage, LOG, ctx.method().name(), ctx.path(),
                        Trace.of(ctx));
                if (answer.retryLater()) {
                    ctx.header("Retry-After", Failures.RETRY_AFTER_SECONDS);
                }
                ErrorBodies.management(ctx, answer.code(), answer.message(), null);
            });
            config.routes.error(404, ctx -> {
                if (ctx.result() == null) {
                    notFound(ctx, direct);
                }
            });
            config.routes.error(405, ctx -> {
                if (ctx.result() == null) { // a route may answer 405 itself, with its own reason
                    methodNotAllowed(ctx);
                }
            });
            config.routes.after(ctx -> {
                AuditOrigin.end();
                // counted here, the last step before Javalin writes the response, so that a client that has its
                // answer finds it counted (the request logger below runs after the write)
                if (counted != null) { // console pages and every API route but the direct ones
                    String method = ctx.method().name();
                    String route = routeOf(ctx);
                    String template = route == null ? HttpMetrics.UNMATCHED : route;
                    counted.computeIfAbsent(method + " " + template, k -> new StatusCounts(metrics, method, template))
                            .answered(ctx.statusCode());
                }
            });
            if (logged) {
                config.requestLogger.http((ctx, ms) -> AccessLog.line(ctx.method().name(), ctx.path(), routeOf(ctx),
                        ctx.statusCode(), Math.round(ms), Trace.of(ctx), ClientOrigin.address(ctx),
                        ctx.attribute(AccessLog.CALLER)));
            }
        });
    }

    /**
     * The management port's server (decision record 0026): {@code GET /metrics} from {@code metrics}, and the
     * health routes of this server, from the same checks and the same drain (its {@code /health/ready} says
     * {@code draining} once this server drains); anything else is a 404. Plain HTTP; its requests write no access
     * line and are not counted in the metrics. Start it with {@link #start(String, int, String)}.
     */
    public HttpServer management(MetricsExposition metrics) {
        RouteTable routes = new RouteTable().get("/metrics", Audience.PUBLIC, (ctx, caller) -> {
            MetricsExposition.Page page = metrics.scrape(ctx.header("Accept"));
            ctx.contentType(page.contentType()).result(page.body());
        });
        return new HttpServer(routes, null, health, List.of(), ClientOrigin.direct(), null, HttpMetrics.NONE,
                draining, false);
    }

    /**
     * {@code /health} (one word: ok, or what is unavailable), {@code /health/ready} (every check by name, and
     * {@code shutdown}: ok, or draining once a shutdown began) and {@code /health/live} (the process serves), all
     * public, all from the same {@link Health#checks}. {@code /health} does not look at the drain: it says whether
     * the server's dependencies work, as it always has. {@code draining} is the drain readiness reports.
     */
    private static void registerHealth(RouteTable routes, Health health, Draining draining) {
        routes.get("/health", Audience.PUBLIC, (ctx, caller) -> {
            List<String> failing = health.checks().entrySet().stream().filter(c -> !c.getValue())
                    .map(c -> c.getKey().replace('_', ' ')).toList();
            Json.send(ctx, failing.isEmpty() ? 200 : 503,
                    Map.of("status", failing.isEmpty() ? "ok" : String.join(", ", failing) + " unavailable"));
        });
        routes.get("/health/ready", Audience.PUBLIC, (ctx, caller) -> {
            Map<String, String> shown = new LinkedHashMap<>();
            health.checks().forEach((name, ok) -> shown.put(name, ok ? "ok" : "unavailable"));
            boolean stopping = draining.isDraining();
            shown.put("shutdown", stopping ? "draining" : "ok");
            boolean ready = !stopping && !shown.containsValue("unavailable");
            Json.send(ctx, ready ? 200 : 503, Map.of("status", ready ? "ready" : stopping ? "draining" : "not ready",
                    "checks", shown));
        });
        routes.get("/health/live", Audience.PUBLIC, (ctx, caller) -> Json.send(ctx, 200, Map.of("status", "live")));
    }

    /** The template of the route that matched ({@code /v1/apikeys/{id}}), or null when none did (a 404). */
    private static String routeOf(io.javalin.http.Context ctx) {
        io.javalin.router.Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
        return matched == null ? null : matched.path;
    }

    private static void refused(io.javalin.http.Context ctx, RuntimeException e) {
        ErrorBodies.Refusal refusal = ErrorBodies.refusal(e);
        ErrorBodies.management(ctx, refusal.code(), refusal.message(), refusal.details());
    }

    private static void methodNotAllowed(io.javalin.http.Context ctx) {
        ErrorBodies.management(ctx, WireError.METHOD_NOT_ALLOWED,
                "Method " + ctx.method() + " is not allowed on " + ctx.path() + ".", null);
    }

    /**
     * The HTTP stack as Latchkey runs it, shared with the benchmark's bare JSON server so that its ceiling is
     * measured on exactly this set-up: Jetty on virtual threads, the {@link DirectRoutes} in front of Javalin's
     * servlet context, the request-size limit, 405 before 404, trailing slashes ignored, no banner; answers are
     * small JSON, so a 4 KiB response buffer instead of Jetty's 32 KiB and no gzip, whose CPU costs more than
     * the bytes it saves at these sizes. No request statistics: nothing reads them, and Javalin's Jetty
     * {@code StatisticsHandler} wraps every request and response ({@code direct} takes its place). Each connection's
     * header cache holds 2,048 characters instead of 1,024, so that a bearer token (about 1,350 for RS256) fits:
     * a client that sends the same token again on its connection, as IBM's SDKs do for the token's hour, is then
     * not re-parsed byte by byte (about 9 µs per request; the cache costs about 200 KB per open connection
     * instead of 100 KB; decision record 0013). The request line and headers may take 16 KiB instead of 8, so that
     * an oversized bearer token reaches the verifier and gets a 401; what Jetty still refuses is answered in IBM's
     * shape by {@link RejectedRequests}. A slow client is cut off by {@link SlowRequestGuard}.
     */
    public static void configureStack(JavalinConfig config, DirectRoutes direct) {
        configureStack(config, direct, null);
    }

    /**
     * As above; with {@code tls} the one connector speaks HTTPS (TLS 1.2 and 1.3 only, HTTP/1.1 inside) on the host
     * and port the server is started on, and requests on it are {@code https} with {@code isSecure()}.
     */
    public static void configureStack(JavalinConfig config, DirectRoutes direct, TlsCertificate tls) {
        config.concurrency.useVirtualThreads = true;
        config.http.maxRequestSize = RequestLimits.MAX_BODY_BYTES;
        config.http.prefer405over404 = true;
        config.http.responseBufferSize = 4096;
        config.http.compressionStrategy = CompressionStrategy.NONE;
        config.startup.showJavalinBanner = false;
        config.router.ignoreTrailingSlashes = true;
        config.jetty.modifyHttpConfiguration(http -> {
            http.setHeaderCacheSize(2048);
            http.setRequestHeaderSize(RequestLimits.MAX_HEADER_BYTES);
        });
        if (tls != null) {
            JettyConfig jetty = config.jetty; // host and port are set when the server starts
            config.jetty.addConnector((server, http) -> {
                HttpConfiguration https = new HttpConfiguration(http);
                https.addCustomizer(new SecureRequestCustomizer());
                ServerConnector connector = new ServerConnector(server,
                        new SslConnectionFactory(tls.sslContextFactory(), HttpVersion.HTTP_1_1.asString()),
                        new HttpConnectionFactory(https));
                connector.setHost(jetty.host);
                connector.setPort(jetty.port);
                return connector;
            });
        }
        config.jetty.modifyServer(server -> {
            server.setHandler(direct); // Javalin's servlet context goes inside
            server.setErrorHandler(new RejectedRequests());
            SlowRequestGuard guard = new SlowRequestGuard();
            server.addEventListener(new LifeCycle.Listener() {
                @Override
                public void lifeCycleStarting(LifeCycle event) { // Javalin has added its connector by now
                    for (Connector connector : server.getConnectors()) {
                        ((ContainerLifeCycle) connector).addBean(guard);
                    }
                }

                @Override
                public void lifeCycleStopped(LifeCycle event) {
                    guard.close();
                }
            });
        });
    }

    /** 404, or 405 for another method on a direct route's path (Javalin does not know those paths). */
    private static void notFound(io.javalin.http.Context ctx, DirectRoutes direct) {
        if (direct.servesPath(ctx.path())) {
            methodNotAllowed(ctx);
        } else {
            ErrorBodies.management(ctx, WireError.ROUTE_NOT_FOUND,
                    "No route " + ctx.method() + " " + ctx.path() + " exists.", null);
        }
    }

    private static void frameworkError(io.javalin.http.Context ctx, int status, DirectRoutes direct) {
        if (status == HttpStatus.CONTENT_TOO_LARGE.getCode()) {
            ErrorBodies.management(ctx, WireError.BODY_TOO_LARGE, RequestLimits.BODY_TOO_LARGE_MESSAGE, null);
        } else if (status == 404) {
            notFound(ctx, direct);
        } else if (status == 405) {
            methodNotAllowed(ctx);
        } else { // the status's code as for Jetty's own rejections (408, 414, 431, other 4xx, 5xx)
            ErrorBodies.management(ctx, RejectedRequests.code(status),
                    "The request could not be processed (HTTP " + status + ").", null);
        }
    }

    /**
     * Listens on {@code host:port}. A port another process holds (or one this process may not open) is a
     * {@link PortUnavailable} with one sentence, not Javalin's exception.
     */
    public HttpServer start(String host, int port) {
        return start(host, port, "--port");
    }

    /** As above; {@code flag} is the option that chose the port, named in the message of a {@link PortUnavailable}. */
    public HttpServer start(String host, int port, String flag) {
        try {
            javalin.start(host, port);
        } catch (JavalinBindException e) {
            throw PortUnavailable.of(host, port, e.getCause() instanceof Exception cause ? cause : e, flag);
        }
        return this;
    }

    /**
     * Fails with a {@link PortUnavailable} when {@code host:port} cannot be listened on right now, so that a
     * server can say so before it opens its database. Port 0 (any free port) always passes.
     */
    public static void requireAvailable(String host, int port) {
        requireAvailable(host, port, "--port");
    }

    /** As above; {@code flag} is the option that chose the port, named in the message. */
    public static void requireAvailable(String host, int port, String flag) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true); // as Jetty binds: a port in TIME_WAIT is free
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw PortUnavailable.of(host, port, e, flag);
        }
    }

    /** The port cannot be listened on; the message is one sentence for the operator. */
    public static final class PortUnavailable extends RuntimeException {
        private PortUnavailable(String message) {
            super(message);
        }

        static PortUnavailable of(String host, int port, Exception cause, String flag) {
            String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            Throwable root = cause;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String rootReason = String.valueOf(root.getMessage());
            if (reason.contains("already in use") || rootReason.contains("already in use")) {
                return new PortUnavailable("Port " + port + " on " + host
                        + " is already in use by another process; stop it or choose another " + flag + ".");
            }
            if (root instanceof BindException || cause instanceof BindException) {
                return new PortUnavailable("Cannot listen on " + host + ":" + port + " (" + rootReason
                        + "); check --host and " + flag + ".");
            }
            return new PortUnavailable("Cannot listen on " + host + ":" + port + " (" + reason
                    + "); check --host and " + flag + ".");
        }
    }

    public int port() {
        return javalin.port();
    }

    /** Requests this server is answering now: received (their line and headers), not yet answered. */
    public int requestsInFlight() {
        return draining.inFlight();
    }

    /** What a drain did: requests in flight when it began, requests still running when it gave up. */
    public record Drained(int inFlightAtStart, int cutOff, Duration took) {
    }

    /**
     * A graceful stop (decision record 0022): the listening socket is closed (new connections are refused, so a
     * client or proxy can go to another node without having sent anything), readiness turns 503 at once, the
     * requests in flight are waited for up to {@code limit} (each answer closes its connection), then the server
     * stops and closes every connection, cutting off what still runs.
     */
    public Drained drain(Duration limit) {
        long started = System.nanoTime();
        Server server = jetty;
        if (server != null) {
            for (Connector connector : server.getConnectors()) {
                if (connector instanceof NetworkConnector network) {
                    // closes the listening socket only; open connections stay open and are served (not Jetty's
                    // Graceful shutdown, which also closes idle kept-alive connections within a second)
                    network.close();
                }
            }
        }
        // after the socket: whoever sees readiness say draining also finds new connections refused
        draining.begin();
        int atStart = draining.inFlight();
        int cutOff;
        try {
            cutOff = draining.awaitIdle(limit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cutOff = draining.inFlight();
        }
        javalin.stop();
        return new Drained(atStart, cutOff, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Stops at once: readiness fails, the requests in flight are cut off. {@link #drain} waits for them. */
    @Override
    public void close() {
        draining.begin();
        javalin.stop();
    }
}
