package dev.latchkey.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.latchkey.core.common.Transactor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleCallbackDecorator;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementException;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database: a pooled connection to H2 (embedded, file mode) or PostgreSQL, migrated by Flyway on open, and
 * the {@link Jdbi} every store uses. Store calls made inside {@link #inTransaction} share its handle and so its
 * transaction. Thread-safe; close it once at shutdown.
 */
public final class Database implements Transactor, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final String FAILURE_LOGGED = "latchkey.failureLogged";
    static final Duration CONNECTION_TIMEOUT = Duration.ofMillis(1_500);
    /** A pool size that {@link #open} replaces with {@link #defaultPoolSize} for the database it opens. */
    public static final int AUTO_POOL_SIZE = 0;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final boolean postgres;
    private final ChangeFeed changes;
    /** What the last {@link #checkReachable} found; every connection the stores take asks it first. */
    private volatile boolean reachable = true;

    private Database(HikariDataSource dataSource, boolean postgres, ChangeFeed changes) {
        this.dataSource = dataSource;
        this.postgres = postgres;
        this.changes = changes;
        this.jdbi = Jdbi.create(new GuardedDataSource(dataSource, () -> reachable));
        // Exception messages carry no bound values (Jdbi's default lists them: key hashes, names, leak URLs);
        // a failed statement is logged once, as its SQL template with placeholders and the database's error state.
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
        HandleCallbackDecorator standard = jdbi.getHandleCallbackDecorator();
        jdbi.setHandleCallbackDecorator(new HandleCallbackDecorator() {
            @Override
            public <R, X extends Exception> HandleCallback<R, X> decorate(HandleCallback<R, X> callback) {
                HandleCallback<R, X> decorated = standard.decorate(callback);
                return handle -> {
                    try {
                        return decorated.withHandle(handle);
                    } catch (StatementException e) {
                        if (!isUnavailable(e)) { // an outage is logged once, by checkReachable
                            logFailedStatement(e);
                        }
                        throw e;
                    }
                };
            }
        });
    }

    /** Once per failure (callbacks nest): the statement's template and SQLState, never its values or message. */
    private static void logFailedStatement(StatementException e) {
        StatementContext context = e.getStatementContext();
        if (context == null || context.getAttribute(FAILURE_LOGGED) != null) {
            return;
        }
        context.define(FAILURE_LOGGED, Boolean.TRUE);
        SQLException cause = e.getCause() instanceof SQLException sql ? sql : null;
        String template = context.getRawSql() == null ? "(no statement)" : context.getRawSql().replaceAll("\\s+", " ").strip();
        LOG.warn("statement failed (SQLState {}, vendor code {}): {}", cause == null ? "none" : cause.getSQLState(),
                cause == null ? 0 : cause.getErrorCode(), template);
    }

    private static final String H2_NAME = "latchkey";

    /** The file of the embedded database in {@code dataDir}, which {@link #open} makes when it is not there. */
    public static Path h2File(Path dataDir) {
        return dataDir.resolve(H2_NAME + ".mv.db");
    }

    /**
     * The embedded default: an H2 file database in {@code dataDir}. {@code WRITE_DELAY=0} writes every commit to
     * the file before the commit returns, so an acknowledged write survives the process being killed; H2's default
     * (500 ms) acknowledged writes that a {@code kill -9} then lost (decision record 0016). {@code
     * DB_CLOSE_ON_EXIT=FALSE}: H2's own shutdown hook would close the database at SIGTERM under the requests still
     * draining; the server closes it itself, last (decision record 0022).
     */
    public static String h2Url(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve(H2_NAME)
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    }

    /** The build's migrated, empty embedded database ({@link H2Template}), a resource of this module's jar. */
    static final String H2_TEMPLATE = "db/h2-template.mv.db";

    /**
     * Opens the embedded database in {@code dataDir} ({@link #h2Url}), migrated. When the directory has no database
     * yet, it starts as a copy of the build's template ({@link H2Template}): the same migrations, run when the jar was
     * built, so a first start skips Flyway (decision record 0041). Whatever the template holds is then checked like
     * any existing database ({@link #upToDate}): a template from other scripts is migrated or refused by Flyway. A
     * jar without one, or a file system that cannot take it, starts empty and is migrated as before; so does one
     * opened with a user or password of its own (H2 makes the first user the database's owner, and the template's is
     * the default user).
     */
    public static Database openEmbedded(Path dataDir, String user, String password, int maxPoolSize) {
        if (user == null && password == null) {
            seedFromTemplate(dataDir);
        }
        return open(h2Url(dataDir), user, password, maxPoolSize);
    }

    private static void seedFromTemplate(Path dataDir) {
        Path file = h2File(dataDir);
        if (Files.exists(file)) {
            return;
        }
        try (InputStream template = Database.class.getClassLoader().getResourceAsStream(H2_TEMPLATE)) {
            if (template == null) {
                return;
            }
            Files.createDirectories(dataDir);
            Path copy = Files.createTempFile(dataDir, H2_NAME, ".template");
            try {
                Files.copy(template, copy, StandardCopyOption.REPLACE_EXISTING);
                // a hard link appears whole or not at all, and never replaces a database another start made meanwhile
                Files.createLink(file, copy);
            } finally {
                Files.deleteIfExists(copy);
            }
        } catch (FileAlreadyExistsException e) {
            // another process made it first: open that one
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("starting without the schema template ({}); Flyway migrates the new database", e.toString());
        }
    }

    /**
     * The pool's size when none is given ({@code --db-pool-size auto}). PostgreSQL: four per core of this machine,
     * from 8 to 16. Each connection in use is a server process competing for the database's cores, and more of
     * them than those cores can run lengthen each other's statements: with PostgreSQL on the same two cores, the
     * million-key benchmark's p99 with 16 connections was one and a half to two times that with 8, at the same
     * throughput or less (decision record 0049). Embedded H2: 16, as before; its statements run on the caller's
     * own thread.
     */
    public static int defaultPoolSize(boolean postgres) {
        return postgres ? Math.min(16, Math.max(8, 4 * Runtime.getRuntime().availableProcessors())) : 16;
    }

    /**
     * Opens the pool, of at most {@code maxPoolSize} connections ({@link #AUTO_POOL_SIZE}: the database's
     * {@link #defaultPoolSize}), and migrates the schema to the latest version.
     */
    public static Database open(String url, String user, String password, int maxPoolSize) {
        boolean postgres = url.startsWith("jdbc:postgresql:");
        if (!postgres && !url.startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException("database URL must start with jdbc:postgresql: or jdbc:h2:");
        }
        // held until the pool has its own: an embedded H2 database closes (and compacts its file) when its last
        // connection closes, and would otherwise be opened, closed and opened again at every start
        Connection first = awaitFirstConnection(url, user, password, postgres);
        try {
            return open(url, user, password, maxPoolSize, postgres);
        } finally {
            try {
                first.close();
            } catch (SQLException e) {
                LOG.debug("closing the first connection failed (SQLState {})", e.getSQLState());
            }
        }
    }

    private static Database open(String url, String user, String password, int maxPoolSize, boolean postgres) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(maxPoolSize == AUTO_POOL_SIZE ? defaultPoolSize(postgres) : maxPoolSize);
        config.setPoolName("latchkey");
        // An unreachable database must fail a request within 2 s, not after Hikari's 30 s: waiting 1.5 s at most
        // for a connection (a busy pool included: a 503 with Retry-After then, instead of an unbounded queue).
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        config.setValidationTimeout(1_000);
        if (postgres) {
            // PostgreSQL's "Detail:" quotes the row behind an error (a unique key's value); keep it out of messages
            config.addDataSourceProperty("logServerErrorDetail", "false");
            // a server that does not answer at all (a dropped network) fails a connection attempt in 2 s, and a
            // statement in 30 s, longer than any of Latchkey's and short of hanging a request for ever
            if (!url.contains("connectTimeout")) {
                config.addDataSourceProperty("connectTimeout", "2");
            }
            if (!url.contains("socketTimeout")) {
                config.addDataSourceProperty("socketTimeout", "30");
            }
        }
        config.setInitializationFailTimeout(10_000);
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            if (!upToDate(dataSource)) {
                flyway(postgres).dataSource(dataSource).load().migrate();
            }
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Database(dataSource, postgres, new ChangeFeed(postgres, url, user, password));
    }

    /** This build's migrations, oldest first: {@code db/migrations.txt}, which a test keeps equal to {@code db/migration}. */
    static final String INDEX = "db/migrations.txt";
    private static final String LOCATION = "db/migration/";

    /**
     * Whether Flyway would find nothing to do and nothing wrong: the schema history holds exactly this build's
     * migrations ({@link #INDEX}), each applied successfully with the checksum its script has now, and nothing else.
     * Then Flyway is not run at all: it would load its classes, scan the whole jar for scripts and read and check
     * every one of them to conclude the same (decision record 0037). Anything else (no history yet, a migration to
     * apply, a failed or edited one, one this build does not know, a read that fails) is false, and Flyway migrates
     * and validates exactly as before, with its own errors.
     */
    private static boolean upToDate(DataSource dataSource) {
        List<String> scripts = indexedScripts();
        if (scripts.isEmpty()) {
            return false;
        }
        try (Connection connection = dataSource.getConnection()) {
            return upToDate(connection, scripts);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    private static boolean hasHistoryTable(Connection connection) {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES "
                     + "WHERE TABLE_NAME = 'flyway_schema_history' AND TABLE_SCHEMA = CURRENT_SCHEMA")) {
            return rows.next() && rows.getInt(1) > 0;
        } catch (SQLException e) {
            return false;
        }
    }

    /** {@link #upToDate(DataSource)} on one connection, against the given script names. */
    static boolean upToDate(Connection connection, List<String> scripts) {
        Map<String, String> expected = new HashMap<>(); // version -> script
        for (String script : scripts) {
            int end = script.indexOf("__");
            if (!script.startsWith("V") || end < 2 || !script.endsWith(".sql")) {
                return false;
            }
            expected.put(script.substring(1, end).replace('_', '.'), script);
        }
        if (!hasHistoryTable(connection)) {
            return false; // an empty database: asked first, so that H2 logs no missing-table error in its trace file
        }
        Map<String, String> applied = new HashMap<>();
        Map<String, Integer> checksums = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT version, script, checksum, type, success FROM flyway_schema_history")) {
            while (rows.next()) {
                String version = rows.getString(1);
                if (version == null && rows.getBoolean(5)
                        && ("TABLE".equals(rows.getString(4)) || "SCHEMA".equals(rows.getString(4)))) {
                    continue; // Flyway's marker of having made its table (H2) or schema: not a migration
                }
                int checksum = rows.getInt(3);
                boolean noChecksum = rows.wasNull();
                if (version == null || noChecksum || !"SQL".equals(rows.getString(4)) || !rows.getBoolean(5)
                        || applied.put(version, rows.getString(2)) != null) {
                    return false;
                }
                checksums.put(version, checksum);
            }
        } catch (SQLException noHistory) { // no flyway_schema_history yet (an empty database), or it cannot be read
            return false;
        }
        if (!applied.equals(expected)) {
            return false;
        }
        for (Map.Entry<String, String> migration : expected.entrySet()) {
            Integer now = checksum(LOCATION + migration.getValue());
            if (now == null || !now.equals(checksums.get(migration.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** The script names of {@link #INDEX}; empty when it cannot be read. */
    static List<String> indexedScripts() {
        List<String> scripts = new ArrayList<>();
        try (InputStream in = Database.class.getClassLoader().getResourceAsStream(INDEX)) {
            if (in == null) {
                return List.of();
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    scripts.add(name);
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        return scripts;
    }

    /**
     * A script's checksum as Flyway computes it: CRC-32 of the UTF-8 bytes of its lines without their line ends
     * (a byte-order mark dropped), as a signed int; null when the script cannot be read.
     */
    static Integer checksum(String resource) {
        try (InputStream in = Database.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            CRC32 crc = new CRC32();
            String line;
            boolean first = true;
            while ((line = reader.readLine()) != null) {
                if (first && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                first = false;
                crc.update(line.getBytes(StandardCharsets.UTF_8));
            }
            return (int) crc.getValue();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Flyway for this schema on PostgreSQL or H2. The differences are placeholders, so both databases keep one list
     * of migrations and one schema version: PostgreSQL-only storage options (V24 and V31, fillfactors) are a statement
     * that does nothing on H2, and a computed column (V32) is {@code STORED} on PostgreSQL, which computes no other
     * kind, and plain on H2, which does not know the word.
     */
    static FluentConfiguration flyway(boolean postgres) {
        return Flyway.configure().locations("classpath:db/migration").placeholders(Map.of(
                "api_keys_storage", postgres ? "ALTER TABLE api_keys SET (fillfactor = 80)" : "SELECT 1",
                "api_key_activity_storage",
                postgres ? "ALTER TABLE api_key_activity SET (fillfactor = 70)" : "SELECT 1",
                "generated_stored", postgres ? "STORED" : ""));
    }

    /** The schema's version as Flyway numbers the migrations ("14"): what {@link #open} migrated it to. */
    public String schemaVersion() {
        MigrationInfo current = flyway(postgres).dataSource(dataSource).load().info().current();
        return current == null ? "0" : current.getVersion().getVersion();
    }

    /** How long a starting server waits for its database before it gives up (a database starting beside it). */
    static final Duration FIRST_CONNECTION_WAIT = Duration.ofSeconds(10);

    /**
     * The database cannot be reached when the server starts. The message is one sentence naming the database
     * (its URL without parameters, so never a password) and why; the cause is kept for whoever wants it.
     */
    public static final class Unreachable extends RuntimeException {
        private Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Tries one plain connection, again every half second for up to {@link #FIRST_CONNECTION_WAIT}, before the
     * pool is made: Hikari would log its own failure with a stack trace, and an operator needs one sentence. Returns
     * it open; the caller closes it.
     */
    private static Connection awaitFirstConnection(String url, String user, String password, boolean postgres) {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        if (postgres) {
            properties.setProperty("logServerErrorDetail", "false");
            if (!url.contains("connectTimeout")) {
                properties.setProperty("connectTimeout", "2");
            }
        }
        long deadline = System.nanoTime() + FIRST_CONNECTION_WAIT.toNanos();
        while (true) {
            try {
                return DriverManager.getConnection(url, properties);
            } catch (SQLException e) {
                if (System.nanoTime() > deadline || !worthWaitingFor(e)) {
                    throw new Unreachable("Cannot reach the database at " + withoutParameters(url) + " ("
                            + reason(e) + (worthWaitingFor(e) ? "; tried for " + FIRST_CONNECTION_WAIT.toSeconds()
                            + " s" : "") + ").", e);
                }
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Unreachable("Interrupted while waiting for the database at " + withoutParameters(url) + ".", e);
            }
        }
    }

    /** A refused login or a missing database does not fix itself in ten seconds; a server still starting may. */
    private static boolean worthWaitingFor(SQLException e) {
        String state = e.getSQLState();
        return state == null || !(state.startsWith("28") || state.equals("3D000"));
    }

    /** {@code jdbc:postgresql://host:5432/db}: no query string, no {@code ;settings}, no user information. */
    static String withoutParameters(String url) {
        String shown = url;
        int cut = shown.indexOf('?');
        if (cut >= 0) {
            shown = shown.substring(0, cut);
        }
        cut = shown.indexOf(';');
        if (cut >= 0) {
            shown = shown.substring(0, cut);
        }
        int hostStart = shown.indexOf("//");
        int at = shown.indexOf('@');
        if (hostStart >= 0 && at > hostStart) {
            shown = shown.substring(0, hostStart + 2) + shown.substring(at + 1);
        }
        return shown;
    }

    /** Why, in a few words: the network's answer, or the database's first sentence. */
    static String reason(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException) {
                return "connection refused";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host " + t.getMessage();
            }
            if (t instanceof SocketTimeoutException) {
                return "no answer within 2 s";
            }
        }
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("28")) {
            return "the login was refused; check --db-user and LATCHKEY_DB_PASSWORD";
        }
        if (state.equals("3D000")) {
            return "no such database";
        }
        if (state.equals("90020")) { // H2's file lock: another process has it open (export with the node running)
            return "the embedded database is in use by another process, such as a running Latchkey server";
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        int end = message.indexOf(". ");
        message = end > 0 ? message.substring(0, end) : message;
        message = message.lines().findFirst().orElse(message);
        return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /**
     * Whether the calling thread holds a connection of this database's: inside {@link #inTransaction}, or inside a
     * store call. A store call it makes then uses that connection (and its transaction), not another of the pool's.
     */
    public boolean holdsConnection() {
        return jdbi.getHandleScope().get() != null;
    }

    /** Cross-node cache invalidation; start it once the caches have subscribed. */
    public ChangeFeed changes() {
        return changes;
    }

    public boolean isPostgres() {
        return postgres;
    }

    /**
     * Publishes the pool's figures (connections active, idle, pending, timeouts, acquire and usage times) to a
     * metrics registry: a Micrometer {@code MeterRegistry}, passed as Hikari takes it, so that this module does not
     * depend on Micrometer. Once only, at any time after the pool opened.
     */
    public void publishPoolMetrics(Object meterRegistry) {
        dataSource.setMetricRegistry(meterRegistry);
    }

    /** Whether the database answered the last {@link #checkReachable}: what the health checks report. */
    public boolean isReachable() {
        return reachable;
    }

    /**
     * Asks the database whether it answers (a pooled connection, valid within a second), remembers the answer and
     * logs each change. Run every half second: while it says no, every connection the stores ask for fails at
     * once ({@link GuardedDataSource}), so requests answer 503 in milliseconds instead of each waiting for the
     * pool, and recovery is noticed within half a second.
     */
    public void checkReachable() {
        boolean now;
        try (Connection c = dataSource.getConnection()) {
            now = c.isValid(1);
        } catch (SQLException | RuntimeException e) {
            now = false;
        }
        if (now != reachable) {
            if (now) {
                LOG.info("database reachable again");
            } else {
                LOG.warn("database unreachable: management requests answer 503 and the token path serves cached keys "
                        + "for up to --cache-stale-max until it is back");
            }
        }
        reachable = now;
    }

    /**
     * Whether a failure means the database could not be reached (no connection within the pool's timeout, a
     * connection lost, the server shutting down), as opposed to a fault in a statement: a 503 and a retry, not a
     * 500, and what lets a cache serve what it holds.
     */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof ConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true; // connection exception; admin or crash shutdown, cannot connect now
            }
        }
        return false;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return jdbi.inTransaction(handle -> work.get());
    }

    /**
     * Closes as {@link #close} does; an embedded H2 database is compacted first. H2 keeps every page a transaction
     * wrote until it commits, so one large transaction (an import) leaves the file many times the size of its data:
     * 2.8 GB after 250,000 keys, 72 MB once compacted, in 5 s.
     */
    public void compactAndClose() {
        if (!postgres) {
            try {
                Connection connection = dataSource.getConnection();
                try (java.sql.Statement statement = connection.createStatement()) {
                    statement.execute("SHUTDOWN COMPACT"); // closes the database, and every pooled connection with it
                } finally {
                    dataSource.evictConnection(connection); // closed already: not back to the pool, nor reset
                }
            } catch (SQLException e) {
                LOG.warn("the embedded database could not be compacted (SQLState {}); it stays as large as it is",
                        e.getSQLState());
            }
        }
        close();
    }

    @Override
    public void close() {
        changes.close();
        dataSource.close();
    }
}
