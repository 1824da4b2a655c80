package dev.latchkey.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.latchkey.core.common.Transactor;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/**
 * The database: a pooled connection to H2 (embedded, file mode) or PostgreSQL, migrated by Flyway on open, and
 * the {@link Jdbi} every store uses. Store calls made inside {@link #inTransaction} share its handle and so its
 * transaction. Thread-safe; close it once at shutdown.
 */
public final class Database implements Transactor, AutoCloseable {
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final boolean postgres;
    private final ChangeFeed changes;

    private Database(HikariDataSource dataSource, boolean postgres, ChangeFeed changes) {
        this.dataSource = dataSource;
        this.postgres = postgres;
        this.changes = changes;
        this.jdbi = Jdbi.create(dataSource);
    }

    /**
     * The embedded default: an H2 file database in {@code dataDir}. {@code WRITE_DELAY=0} writes every commit to
     * the file before the commit returns, so an acknowledged write survives the process being killed; H2's default
     * (500 ms) acknowledged writes that a {@code kill -9} then lost (decision record 0016).
     */
    public static String h2Url(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("latchkey")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";
    }

    /** Opens the pool and migrates the schema to the latest version. */
    public static Database open(String url, String user, String password, int maxPoolSize) {
        boolean postgres = url.startsWith("jdbc:postgresql:");
        if (!postgres && !url.startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException("database URL must start with jdbc:postgresql: or jdbc:h2:");
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(maxPoolSize);
        config.setPoolName("latchkey");
        config.setInitializationFailTimeout(10_000);
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Database(dataSource, postgres, new ChangeFeed(postgres, url, user, password));
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** Cross-node cache invalidation; start it once the caches have subscribed. */
    public ChangeFeed changes() {
        return changes;
    }

    public boolean isPostgres() {
        return postgres;
    }

    /** True when the database answers a trivial query; used by the health check. */
    public boolean isReachable() {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return jdbi.inTransaction(handle -> work.get());
    }

    @Override
    public void close() {
        changes.close();
        dataSource.close();
    }
}
