package dev.latchkey.store.maintenance;

import dev.latchkey.store.Database;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Every row of every application table as of one moment, read in one read-only transaction that sees a single
 * snapshot of the whole database: REPEATABLE READ on PostgreSQL, SNAPSHOT on H2 (whose REPEATABLE READ takes each
 * table's snapshot when the table is first read). Writers are not blocked, so a server may keep serving meanwhile.
 * Rows are streamed to a {@link Reader}, never held all at once.
 */
public final class Snapshot {
    /** Rows fetched per round trip; PostgreSQL streams a result with a fetch size only inside a transaction. */
    private static final int FETCH_SIZE = 1_000;

    private Snapshot() {
    }

    /** What the snapshot holds, before its rows: the schema and each table's row count, in loading order. */
    public record Contents(Schema schema, Map<String, Long> counts) {
    }

    /** Receives the snapshot: its contents first, then every row of every table, table by table in loading order. */
    public interface Reader {
        void begin(Contents contents) throws IOException;

        /** One row, its values in the order of {@code table.columns()}; the array is reused for the next row. */
        void row(Table table, Object[] values) throws IOException;
    }

    /** Reads the whole database into {@code reader}; returns the number of rows. */
    public static long read(Database database, Reader reader) throws IOException {
        boolean postgres = database.isPostgres();
        String version = database.schemaVersion();
        try (Handle handle = database.jdbi().open()) {
            Connection connection = handle.getConnection();
            try {
                if (!postgres) { // H2 takes the level for the next transaction from the session
                    execute(connection, "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SNAPSHOT");
                }
                connection.setAutoCommit(false);
                try {
                    if (postgres) { // the transaction's first statement
                        execute(connection, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                    }
                    return read(connection, Schema.read(connection, version), reader);
                } finally {
                    connection.rollback(); // it wrote nothing
                    connection.setAutoCommit(true);
                    if (!postgres) {
                        execute(connection, "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED");
                    }
                }
            } catch (SQLException e) {
                throw new Refusal("The database failed while it was read (SQLState " + e.getSQLState() + ").", e);
            }
        }
    }

    private static long read(Connection connection, Schema schema, Reader reader) throws SQLException, IOException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Table table : schema.tables()) {
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table.quoted())) {
                rows.next();
                counts.put(table.name(), rows.getLong(1));
            }
        }
        reader.begin(new Contents(schema, counts));
        long total = 0;
        for (Table table : schema.tables()) {
            long read = 0;
            List<Column> columns = table.columns();
            Object[] values = new Object[columns.size()];
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT " + table.columnList() + " FROM " + table.quoted())) {
                statement.setFetchSize(FETCH_SIZE);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        for (int i = 0; i < values.length; i++) {
                            values[i] = columns.get(i).read(rows, i + 1);
                        }
                        reader.row(table, values);
                        read++;
                    }
                }
            }
            if (read != counts.get(table.name())) { // the snapshot makes this impossible; a check, not a hope
                throw new Refusal("Table " + table.name() + " changed while it was read (" + counts.get(table.name())
                        + " rows counted, " + read + " read); the snapshot was not consistent.");
            }
            total += read;
        }
        return total;
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
