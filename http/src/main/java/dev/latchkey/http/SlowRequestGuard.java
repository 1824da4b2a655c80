package dev.latchkey.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts off a client that takes longer than {@link #HEADER_DEADLINE} to send one request's line and headers. Jetty's
 * idle timeout starts again with every byte, so a client trickling a byte a second held a connection and a
 * thread's worth of buffers for ever. Every half second the guard looks at each HTTP/1 connection: one that has been
 * in the middle of the same request's headers for longer than the deadline is closed. (A slow body is Jetty's own
 * minimum request data rate, set in {@link HttpServer#configureStack}.)
 */
final class SlowRequestGuard implements Connection.Listener, AutoCloseable {
    static final Duration HEADER_DEADLINE = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(SlowRequestGuard.class);

    /** When a connection was first seen inside a request's headers, and how many requests it had finished then. */
    private record Receiving(long since, long messagesIn) {
    }

    private final Map<HttpConnection, Receiving> open = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "latchkey-slow-requests");
        t.setDaemon(true);
        return t;
    });
    private static final Receiving IDLE = new Receiving(-1, -1);

    SlowRequestGuard() {
        sweeper.scheduleWithFixedDelay(this::sweep, 500, 500, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof HttpConnection http) {
            open.put(http, IDLE);
        }
    }

    @Override
    public void onClosed(Connection connection) {
        if (connection instanceof HttpConnection http) {
            open.remove(http);
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        open.replaceAll((connection, seen) -> {
            HttpParser parser = connection.getParser();
            if (parser.isStart() || !parser.inHeaderState()) {
                return IDLE; // between requests (the idle timeout's job) or past the headers
            }
            long finished = connection.getMessagesIn();
            if (seen.since() < 0 || seen.messagesIn() != finished) {
                return new Receiving(now, finished); // a new request's headers started arriving
            }
            if (now - seen.since() > HEADER_DEADLINE.toNanos()) {
                LOG.info("closing a connection from {} that sent no complete request headers in {} s",
                        connection.getEndPoint().getRemoteSocketAddress(), HEADER_DEADLINE.toSeconds());
                connection.getEndPoint().close();
                return IDLE;
            }
            return seen;
        });
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
