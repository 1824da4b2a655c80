package dev.latchkey.store;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The pool as the stores see it: while the last health check found the database unreachable, asking for a
 * connection fails at once (a {@link SQLTransientConnectionException}, so {@link Database#isUnavailable} holds)
 * instead of waiting for the pool's timeout, or for ever on a network that drops packets.
 */
final class GuardedDataSource implements DataSource {
    private final DataSource pool;
    private final BooleanSupplier reachable;

    GuardedDataSource(DataSource pool, BooleanSupplier reachable) {
        this.pool = pool;
        this.reachable = reachable;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (!reachable.getAsBoolean()) {
            throw new SQLTransientConnectionException("the database is unreachable (last health check)", "08001");
        }
        return pool.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the pool has one set of credentials");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || pool.isWrapperFor(type);
    }
}
