package dev.latchkey.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request on the {@code latchkey.access} logger: method, path, status, time, the client's address
 * ({@link ClientOrigin}: the forwarded one from a trusted proxy) and trace id; never a query string, header or body,
 * so no secret can reach it.
 */
final class AccessLog {
    private static final Logger ACCESS = LoggerFactory.getLogger("latchkey.access");

    private AccessLog() {
    }

    static void line(String method, String path, int status, long ms, String client, String trace) {
        ACCESS.info("{} {} {} {}ms client={} trace={}", method, path, status, ms, client, trace);
    }
}
