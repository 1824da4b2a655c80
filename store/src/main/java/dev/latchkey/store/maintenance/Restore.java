package dev.latchkey.store.maintenance;

import dev.latchkey.store.Database;
import dev.latchkey.store.ExclusiveUse;
import java.io.IOException;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Loads rows into an empty database, in one transaction: every row, or none. The database must have no application
 * row at all, and no server (nor another such command) on it ({@link ExclusiveUse}). Rows come table by table in
 * loading order ({@link Schema#tables()}), and are inserted in batches; afterwards each identity column is moved past
 * the highest value loaded, so that the rows the server adds next do not collide with them.
 */
public final class Restore {
    private static final int BATCH = 500;

    private Restore() {
    }

    /** What loads the rows, given the target's schema; its result is returned once the transaction has committed. */
    public interface Load<T> {
        T into(Loader loader) throws IOException;
    }

    /**
     * Runs {@code load} in one transaction on {@code database}, which must be empty; any exception from it, or a row the
     * database refuses ({@link Refusal}), rolls everything back.
     */
    public static <T> T into(Database database, Load<T> load) throws IOException {
        String version = database.schemaVersion();
        try (Handle handle = database.jdbi().open()) {
            Connection connection = handle.getConnection();
            boolean committed = false;
            try {
                connection.setAutoCommit(false);
                ExclusiveUse.claim(database, handle);
                Schema schema = Schema.read(connection, version);
                requireEmpty(connection, schema);
                Loader loader = new Loader(connection, schema);
                T result = load.into(loader);
                loader.finish();
                connection.commit();
                committed = true;
                return result;
            } catch (SQLException e) {
                throw new Refusal("The database failed during the import (SQLState " + e.getSQLState()
                        + "), so nothing was imported.", e);
            } finally {
                rollBackUnless(committed, connection);
            }
        }
    }

    private static void rollBackUnless(boolean committed, Connection connection) {
        try {
            if (!committed) {
                connection.rollback();
            }
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            // the connection is broken; closing it ends the transaction, unfinished
        }
    }

    private static void requireEmpty(Connection connection, Schema schema) throws SQLException {
        for (Table table : schema.tables()) {
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT 1 FROM " + table.quoted() + " FETCH FIRST 1 ROWS ONLY")) {
                if (rows.next()) {
                    throw new Refusal("The target database is not empty (table " + table.name() + " has rows); import "
                            + "loads into an empty database only, so nothing was imported.");
                }
            }
        }
    }

    /** Inserts rows in batches, one table after another, and counts them. Not thread-safe. */
    public static final class Loader {
        private final Connection connection;
        private final Schema schema;
        private final Map<String, Long> counts = new LinkedHashMap<>();
        private Table table;
        private PreparedStatement insert;
        private int pending;

        private Loader(Connection connection, Schema schema) {
            this.connection = connection;
            this.schema = schema;
        }

        /** The target's tables, in the order they load. */
        public Schema schema() {
            return schema;
        }

        /** Rows inserted so far, per table name. */
        public Map<String, Long> counts() {
            return counts;
        }

        /** One row of {@code table} (one of {@link #schema()}'s), its values in the order of its columns. */
        public void insert(Table table, Object[] values) {
            try {
                if (table != this.table) {
                    flush();
                    close();
                    this.table = table;
                    insert = connection.prepareStatement("INSERT INTO " + table.quoted() + " (" + table.columnList()
                            + ") VALUES (" + "?, ".repeat(table.columns().size() - 1) + "?)");
                }
                for (int i = 0; i < values.length; i++) {
                    table.columns().get(i).bind(insert, i + 1, values[i]);
                }
                insert.addBatch();
                counts.merge(table.name(), 1L, Long::sum);
                if (++pending == BATCH) {
                    flush();
                }
            } catch (SQLException e) {
                throw refused(e);
            }
        }

        private void flush() throws SQLException {
            if (pending > 0) {
                pending = 0;
                insert.executeBatch();
            }
        }

        private void close() throws SQLException {
            if (insert != null) {
                insert.close();
            }
        }

        private void finish() throws SQLException {
            try {
                flush();
            } catch (SQLException e) {
                throw refused(e);
            }
            close();
            for (Table each : schema.tables()) {
                if (each.identity().isPresent()) {
                    continueNumbering(each, each.identity().get());
                }
            }
        }

        /** The next identity value the database hands out is above every loaded one. */
        private void continueNumbering(Table table, Column column) throws SQLException {
            long highest;
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT MAX(" + column.quoted() + ") FROM " + table.quoted())) {
                rows.next();
                highest = rows.getLong(1);
                if (rows.wasNull()) {
                    return;
                }
            }
            Snapshot.execute(connection, "ALTER TABLE " + table.quoted() + " ALTER COLUMN " + column.quoted()
                    + " RESTART WITH " + (highest + 1));
        }

        /** The database's reason as SQLState and a few words; its message may quote the row, so it is not used. */
        private Refusal refused(SQLException e) {
            SQLException reason = e instanceof BatchUpdateException && e.getNextException() != null
                    ? e.getNextException() : e;
            String state = reason.getSQLState() == null ? "" : reason.getSQLState();
            String what = switch (state) {
                case "23505" -> "a duplicate key";
                case "23503", "23506" -> "a reference to a row that is not there"; // H2 says 23506
                case "23502" -> "a missing required value";
                case "22001" -> "a value too long for its column";
                default -> "SQLState " + (state.isEmpty() ? "unknown" : state);
            };
            return new Refusal("The database refused a row of table " + (table == null ? "?" : table.name()) + " ("
                    + what + "), so nothing was imported.", e);
        }
    }
}
