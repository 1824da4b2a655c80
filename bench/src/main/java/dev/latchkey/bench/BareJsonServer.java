package dev.latchkey.bench;

import ch.qos.logback.classic.Level;
import dev.latchkey.http.Audience;
import dev.latchkey.http.DirectRoutes;
import dev.latchkey.http.HttpServer;
import dev.latchkey.http.Json;
import dev.latchkey.http.RouteTable;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP ceiling: the stack of {@link HttpServer#configureStack}, exactly as the server runs it, answering with
 * a fixed JSON body the size and shape of a {@code GET /v1/apikeys/details} answer, serialized once at start:
 * {@code GET /bare} as a {@link dev.latchkey.http.Route.Direct} route, the way the server serves details and the
 * token exchange, and {@code GET /bare-javalin} as a Javalin route, the way it serves every other route. Unlike the server it has no
 * authentication and no route work, and no per-request log line unless {@code --access-log} turns on the one
 * the server writes ({@code latchkey.access}). A direct route still gets its trace id and error mapping.
 *
 * <p>Usage: {@code java -cp latchkey-bench.jar dev.latchkey.bench.BareJsonServer [--port 18081] [--host 127.0.0.1]
 * [--access-log]}. {@code GET /health} answers 200 once started. Runs until the process is stopped.
 */
public final class BareJsonServer {
    private static final Logger ACCESS = LoggerFactory.getLogger("latchkey.access");

    private BareJsonServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = 18081;
        String host = "127.0.0.1";
        boolean accessLog = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--host" -> host = args[++i];
                case "--access-log" -> accessLog = true;
                default -> throw new IllegalArgumentException("usage: BareJsonServer [--port P] [--host H] [--access-log]");
            }
        }
        byte[] body = Json.MAPPER.writeValueAsBytes(detailsLikeBody());
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("latchkey.access"))
                .setLevel(accessLog ? Level.INFO : Level.OFF);
        RouteTable direct = new RouteTable().direct(HandlerType.GET, "/bare", Audience.PUBLIC,
                (exchange, caller) -> exchange.send(200, "application/json", body));
        boolean log = accessLog;
        Javalin app = Javalin.create(config -> {
            HttpServer.configureStack(config, new DirectRoutes(direct, null, failure -> false));
            config.routes.get("/bare-javalin", ctx -> ctx.status(200).contentType("application/json").result(body));
            config.routes.get("/health", ctx -> ctx.status(200).contentType("application/json")
                    .result("{\"status\":\"ok\"}"));
            if (log) {
                config.requestLogger.http((ctx, ms) -> ACCESS.info("{} {} {} {}ms client={} trace={}", ctx.method(),
                        ctx.path(), ctx.statusCode(), Math.round(ms), ctx.ip(), "-"));
            }
        });
        app.start(host, port);
        System.out.printf("BareJsonServer on http://%s:%d/bare (direct) and /bare-javalin: %d-byte body, virtual threads,"
                + " access log %s%n",
                host, app.port(), body.length, log ? "on (as the server's)" : "off (the server logs every request)");
    }

    /** The fields of IBM's ApiKey body, in its order, with values of realistic length. */
    private static Map<String, Object> detailsLikeBody() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", "ApiKey-6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f");
        m.put("entity_tag", "6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f-1");
        m.put("crn", "crn:v1:latchkey:public:iam-identity::a/0c3c4a7e2f1b4d6a9e8f7a6b5c4d3e2f::apikey:"
                + "ApiKey-6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f");
        m.put("locked", false);
        m.put("disabled", false);
        m.put("created_at", "2025-11-27T01:45+0000");
        m.put("created_by", "IBMid-A50BENCH01");
        m.put("modified_at", "2025-11-27T01:45+0000");
        m.put("support_sessions", false);
        m.put("action_when_leaked", "disable");
        m.put("name", "bench-7");
        m.put("iam_id", "IBMid-A50BENCH01");
        m.put("account_id", "0c3c4a7e2f1b4d6a9e8f7a6b5c4d3e2f");
        return m;
    }
}
