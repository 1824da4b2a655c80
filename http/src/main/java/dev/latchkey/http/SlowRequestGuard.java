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
 * Cuts off clients that send a request too slowly. Jetty's idle timeout starts again with every byte, so a client
 * trickling a byte a second held a connection, a request and its buffers for ever. Every half second the guard
 * looks at each HTTP/1 connection and closes it when one request's line and headers have taken longer than
 * {@link #HEADER_DEADLINE}, or its body has arrived more slowly than {@link #MIN_BODY_RATE} bytes per second on
 * average once {@link #BODY_GRACE} has passed. The grace keeps a legitimate client whose body comes in a few
 * packets safe: Jetty's own minimum data rate has none, and refused such bodies after a few milliseconds.
 *
 * <p>Only the time the server spends waiting on the client counts: the half seconds in which the connection is
 * interested in reading ({@code EndPoint.isFillInterested}). A request whose bytes are in but not yet read, because
 * its handler has not asked for the body or the machine is too busy to run it, is the server's delay, not the
 * client's; before this rule a starved node cut off such clients (seen with two nodes under load on two cores).
 */
final class SlowRequestGuard implements Connection.Listener, AutoCloseable {
    static final Duration HEADER_DEADLINE = Duration.ofSeconds(10);
    static final Duration BODY_GRACE = Duration.ofSeconds(5);
    /** 1 MiB, the largest body, then takes at most about four minutes. */
    static final long MIN_BODY_RATE = 4096;
    private static final Logger LOG = LoggerFactory.getLogger(SlowRequestGuard.class);

    /**
     * What one connection is doing: the phase of which request ({@code messagesIn}), the bytes in when the phase was
     * first seen, how long the server has waited on the client in it, and when it was last looked at.
     */
    record Seen(Phase phase, long messagesIn, long bytesIn, long waitedNanos, long seenAt) {
    }

    enum Phase { IDLE, HEADERS, BODY }

    static final Seen IDLE = new Seen(Phase.IDLE, -1, 0, 0, 0);
    private final Map<HttpConnection, Seen> open = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "latchkey-slow-requests");
        t.setDaemon(true);
        return t;
    });

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
            Phase phase = parser.isStart() ? Phase.IDLE : parser.inHeaderState() ? Phase.HEADERS
                    : parser.inContentState() ? Phase.BODY : Phase.IDLE;
            Seen next = next(seen, phase, connection.getMessagesIn(), connection.getBytesIn(),
                    connection.getEndPoint().isFillInterested(), now);
            if (next == null) {
                LOG.info("closing a connection from {} that sent a request's {} too slowly",
                        connection.getEndPoint().getRemoteSocketAddress(), phase == Phase.HEADERS ? "headers" : "body");
                connection.getEndPoint().close();
                return IDLE;
            }
            return next;
        });
    }

    /**
     * One look at a connection: what it is doing now, or null when its client is too slow and it is to be closed.
     *
     * @param waitingOnClient whether the connection waits for the client's bytes (it is interested in reading)
     */
    static Seen next(Seen seen, Phase phase, long messagesIn, long bytesIn, boolean waitingOnClient, long now) {
        if (phase == Phase.IDLE) {
            return IDLE; // between requests (the idle timeout's job), or the request is read
        }
        if (seen.phase() != phase || seen.messagesIn() != messagesIn) {
            return new Seen(phase, messagesIn, bytesIn, 0, now); // a new phase of a new request
        }
        long waited = seen.waitedNanos() + (waitingOnClient ? now - seen.seenAt() : 0);
        boolean tooSlow = phase == Phase.HEADERS ? waited > HEADER_DEADLINE.toNanos()
                : waited > BODY_GRACE.toNanos() && (bytesIn - seen.bytesIn()) * 1_000_000_000L < MIN_BODY_RATE * waited;
        return tooSlow ? null : new Seen(phase, messagesIn, seen.bytesIn(), waited, now);
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
