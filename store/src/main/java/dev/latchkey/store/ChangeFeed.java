package dev.latchkey.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells every node of one PostgreSQL database that cached entries changed, so a disabled, deleted or leaked key
 * is refused on all nodes within a second rather than after the cache TTL. Writers publish with
 * {@code pg_notify} inside their own transaction (PostgreSQL delivers on commit); each node listens on one
 * dedicated connection and hands payloads to its caches. The writing node's own caches get the payload
 * synchronously right after the commit, before the request that wrote answers, so evicting happens once the
 * change is visible and a concurrent reader cannot put the old row back. Payloads are topics and hashes, never
 * secrets. While connected, the listening connection also holds the node's share of {@link ExclusiveUse}.
 *
 * <p>The feed also says when it can vouch for what a cache read ({@link #mark}, {@link #covers}; decision record
 * 0040): on H2 always (one process writes, and it delivers every change to its own caches), on PostgreSQL while the
 * listening connection that was open before the read is still open and has answered a heartbeat recently. A cache
 * answers such an entry past its TTL without reading it again. Thread-safe.
 */
public final class ChangeFeed implements FeedCoverage, AutoCloseable {
    static final String CHANNEL = "latchkey_changes";
    /** Payload meaning "forget everything": sent after bulk changes and after a reconnect. */
    public static final String ALL = "*";
    private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);
    /** How often the listening connection proves it is alive with a round trip ({@link #covers}). */
    static final long HEARTBEAT_NANOS = java.time.Duration.ofSeconds(1).toNanos();
    /** How long a heartbeat (or a connection attempt) may take before the connection counts as lost. */
    private static final String SOCKET_TIMEOUT_SECONDS = "10";

    private final boolean postgres;
    private final String url;
    private final Properties credentials;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final LongAdder received = new LongAdder();
    private volatile boolean running;
    private volatile boolean connected;
    /** Counts the listening connections opened; a read marked with an older one is not vouched for. */
    private volatile long epoch;
    /** {@link System#nanoTime} when the last heartbeat that came back was sent. */
    private volatile long aliveAt;
    private Thread thread;

    ChangeFeed(boolean postgres, String url, String user, String password) {
        this.postgres = postgres;
        this.url = url;
        this.credentials = new Properties();
        if (user != null) {
            credentials.setProperty("user", user);
        }
        if (password != null) {
            credentials.setProperty("password", password);
        }
        // a connection that stops answering (a dropped network) fails its heartbeat instead of hanging the feed
        credentials.setProperty("socketTimeout", SOCKET_TIMEOUT_SECONDS);
        credentials.setProperty("connectTimeout", "2");
        credentials.setProperty("tcpKeepAlive", "true");
        credentials.setProperty("ApplicationName", "latchkey-change-feed");
    }

    /** Publishes {@code topic:id} when the handle's transaction commits: here at once, to other nodes by NOTIFY. */
    public void publish(Handle handle, String topic, String id) {
        String payload = topic + ":" + id;
        if (postgres) {
            handle.createQuery("SELECT pg_notify(:channel, :payload)").bind("channel", CHANNEL)
                    .bind("payload", payload).mapTo(String.class).findFirst();
        }
        handle.afterCommit(() -> deliver(payload));
    }

    /**
     * Registers a cache for one topic, published by any node: {@code evict} gets the id of each {@code topic:id};
     * {@code evictAll} runs for {@code topic:*} and for {@link #ALL} (sent after bulk changes and reconnects).
     */
    public void subscribe(String topic, Consumer<String> evict, Runnable evictAll) {
        String prefix = topic + ":";
        listeners.add(payload -> {
            if (payload.equals(ALL) || payload.equals(prefix + ALL)) {
                evictAll.run();
            } else if (payload.startsWith(prefix)) {
                evict.accept(payload.substring(prefix.length()));
            }
        });
    }

    /** Starts listening (PostgreSQL only). */
    public synchronized void start() {
        if (!postgres || running) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().daemon().name("latchkey-change-feed").start(this::listen);
    }

    private void listen() {
        long backoff = 500;
        while (running) {
            try (Connection connection = DriverManager.getConnection(url, credentials)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                holdShare(connection);
                // A read that starts from here on is followed by the notifications of every later change. The new
                // epoch goes out before connected, so a mark taken now is never one of the previous connection.
                aliveAt = System.nanoTime();
                epoch++;
                connected = true;
                deliver(ALL);   // whatever happened while we were not listening
                backoff = 500;
                PGConnection pg = connection.unwrap(PGConnection.class);
                try (Statement heartbeat = connection.createStatement()) {
                    while (running) {
                        PGNotification[] notifications = pg.getNotifications(500);
                        if (notifications != null) {
                            for (PGNotification notification : notifications) {
                                received.increment();
                                deliver(notification.getParameter());
                            }
                        }
                        long now = System.nanoTime();
                        if (now - aliveAt >= HEARTBEAT_NANOS) {
                            heartbeat.execute("SELECT 1");
                            aliveAt = now;
                        }
                    }
                }
            } catch (SQLException e) {
                connected = false;
                if (running) {
                    LOG.warn("change feed connection lost ({}); caches fall back to their TTL until it is back", e.toString());
                    sleep(backoff);
                    backoff = Math.min(backoff * 2, 10_000);
                }
            }
        }
    }

    /**
     * A mark to take just before a cache reads a row, for {@link #covers} to judge later: the current connection's
     * epoch, {@link #NOT_COVERED} while this node is not listening (PostgreSQL) or {@code 0} on H2.
     */
    @Override
    public long mark() {
        if (!postgres) {
            return 0;
        }
        long current = epoch;
        return connected ? current : NOT_COVERED;
    }

    /**
     * Whether every change committed since a read marked {@code mark} has reached, or will reach, this node's caches,
     * so that what was read may be answered as it is: always on H2, where this process is the only writer and
     * delivers each change to its caches right after the commit. On PostgreSQL only while the listening connection
     * that was open when the read started is still open and sent a heartbeat that came back within the last
     * {@code withinNanos}: a connection that dies without an error stops vouching at most that long after the last
     * sign of life, so nothing is answered staler than it would have been without the feed.
     */
    @Override
    public boolean covers(long mark, long withinNanos) {
        if (!postgres) {
            return true;
        }
        return mark != NOT_COVERED && connected && mark == epoch && System.nanoTime() - aliveAt <= withinNanos;
    }

    /** Whether this node listens for other nodes' changes now (PostgreSQL; always false on H2, which has no feed). */
    public boolean isConnected() {
        return connected;
    }

    /** How many changes this node has received from the database's notifications since it started. */
    public long received() {
        return received.sum();
    }

    /** Says that this node runs, for {@link ExclusiveUse}; a refusal of the lock costs that, not the feed. */
    private static void holdShare(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(ExclusiveUse.HOLD_SHARED);
        } catch (SQLException e) {
            LOG.warn("this node could not take its share of the database's lock (SQLState {}): import and "
                    + "master-key-rotate will not see that it runs", e.getSQLState());
        }
    }

    private void deliver(String payload) {
        for (Consumer<String> listener : listeners) {
            try {
                listener.accept(payload);
            } catch (RuntimeException e) {
                LOG.warn("a cache failed to apply change {}: {}", payload, e.toString());
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        connected = false;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
