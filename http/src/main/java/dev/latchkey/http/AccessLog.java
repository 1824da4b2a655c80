package dev.latchkey.http;

import dev.latchkey.core.common.Principal;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request on the {@code latchkey.access} logger. Its message is method, path, status, time, the
 * client's address ({@link ClientOrigin}: the forwarded one from a trusted proxy) and trace id; under the JSON log
 * format the same facts also come as key-value pairs, with the route template and the caller's IAM ID (never a
 * token: only the IAM ID of the principal that authentication proved). Never a query string, header or body, so
 * no secret can reach it.
 */
public final class AccessLog {
    private static final Logger ACCESS = LoggerFactory.getLogger("latchkey.access");
    /** The request attribute that holds the authenticated caller's IAM ID, for the line. */
    static final String CALLER = "latchkey.caller";
    /**
     * Whether log lines carry structured fields (the JSON format). Off, the hot paths neither fill the logging MDC
     * nor build the access line's key-value pairs: the text format prints neither.
     */
    private static volatile boolean structured;

    private AccessLog() {
    }

    /**
     * Names the caller of this request on its access line: a route or page that authenticated {@code caller}
     * calls this (the API's routes do it in {@link RouteTable}; the console for a signed-in page).
     */
    public static void caller(Context ctx, Principal caller) {
        if (caller != null) {
            ctx.attribute(CALLER, caller.iamId());
        }
    }

    /** Set once at start by whoever chose the log format. */
    public static void structured(boolean on) {
        structured = on;
    }

    static boolean structured() {
        return structured;
    }

    /**
     * The line. {@code route} is the route template that matched ({@code /v1/apikeys/{id}}), null when none did;
     * {@code iamId} null when the request was not authenticated.
     */
    static void line(String method, String path, String route, int status, long ms, String trace, String client,
                     String iamId) {
        if (!structured) {
            ACCESS.info("{} {} {} {}ms client={} trace={}", method, path, status, ms, client, trace);
            return;
        }
        ACCESS.atInfo().setMessage("{} {} {} {}ms client={} trace={}").addArgument(method).addArgument(path)
                .addArgument(status).addArgument(ms).addArgument(client).addArgument(trace)
                .addKeyValue("method", method)
                .addKeyValue("route", route)
                .addKeyValue("path", path)
                .addKeyValue("status", status)
                .addKeyValue("duration_ms", ms)
                .addKeyValue("client_address", client)
                .addKeyValue("iam_id", iamId)
                .log();
    }
}
