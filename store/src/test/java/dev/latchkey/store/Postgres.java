package dev.latchkey.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The local PostgreSQL for tests: {@code 127.0.0.1:5432/test} as {@code postgres} (override with
 * {@code LATCHKEY_TEST_PG_URL} / {@code LATCHKEY_TEST_PG_USER}). Each caller gets a fresh schema. When the server
 * is unreachable the test is skipped with a visible message, except under {@code CI=true}, where it fails.
 */
public final class Postgres {
    public static final String URL = env("LATCHKEY_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = env("LATCHKEY_TEST_PG_USER", "postgres");

    private Postgres() {
    }

    /** The schemas this test JVM made, dropped when it exits ({@link #dropMadeSchemas}). */
    private static final Set<String> MADE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Postgres::dropMadeSchemas, "drop-test-schemas"));
    }

    /** A JDBC URL whose default schema is new and empty; it is dropped when the test JVM exits. */
    public static String freshSchemaUrl() {
        requireAvailable();
        String schema = "lk_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        try (Connection c = DriverManager.getConnection(URL, USER, null)) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test schema " + schema, e);
        }
        MADE.add(schema);
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public static void requireAvailable() {
        String problem = problem();
        if (problem == null) {
            return;
        }
        String message = "PostgreSQL at " + URL + " is unreachable (" + problem + ")";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(message + "; under CI=true the PostgreSQL tests must run");
        }
        System.err.println("SKIPPED: " + message + "; PostgreSQL tests skipped");
        Assumptions.abort(message + "; PostgreSQL tests skipped");
    }

    /**
     * Drops the schemas this JVM made, a few per statement (each takes a lock per table and index, and PostgreSQL's
     * lock table is bounded), waiting at most 2 s for a lock: a schema some test left busy is left behind, as all
     * of them were before. A database that is gone by then is no reason to fail the exit.
     */
    private static void dropMadeSchemas() {
        if (MADE.isEmpty()) {
            return;
        }
        List<String> schemas = List.copyOf(MADE);
        try (Connection c = DriverManager.getConnection(URL, USER, null); Statement statement = c.createStatement()) {
            statement.execute("SET lock_timeout = '2s'");
            for (int from = 0; from < schemas.size(); from += 8) {
                List<String> batch = schemas.subList(from, Math.min(from + 8, schemas.size()));
                try {
                    statement.execute("DROP SCHEMA IF EXISTS " + String.join(", ", batch) + " CASCADE");
                } catch (SQLException e) {
                    System.err.println("test schemas left behind (SQLState " + e.getSQLState() + "): " + batch);
                }
            }
        } catch (SQLException e) {
            System.err.println("test schemas left behind, PostgreSQL unreachable at exit: " + schemas.size());
        }
    }

    private static String problem() {
        try (Connection c = DriverManager.getConnection(URL, USER, null)) {
            return c.isValid(2) ? null : "connection not valid";
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
