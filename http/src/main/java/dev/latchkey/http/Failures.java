package dev.latchkey.http;

import java.sql.SQLException;
import org.slf4j.Logger;

/**
 * Logs a failure no client caused (a 500) without letting a secret or a client's value into the log. A database
 * error's message can hold the values of the failed statement (H2 quotes the conflicting row, PostgreSQL the
 * value it could not store), so for one the log gets only the SQLState, the vendor code and the stack; the store
 * logs the statement itself, as its SQL template with placeholders.
 */
final class Failures {
    /** What a client is told while the database cannot be reached, with {@code Retry-After}. */
    static final String OUTAGE_MESSAGE = "The service cannot reach its database; nothing was changed. Retry shortly.";
    static final String RETRY_AFTER_SECONDS = "5";

    private Failures() {
    }

    /** One line per request refused in an outage; the outage itself is logged where it is noticed. */
    static void logOutage(Logger log, String method, String path, String trace) {
        log.warn("database unreachable: {} {} answered 503 (trace {})", method, path, trace);
    }

    static void logUnexpected(Logger log, String method, String path, String trace, Throwable failure) {
        SQLException database = databaseCause(failure);
        if (database == null) {
            log.error("unexpected failure on {} {} (trace {})", method, path, trace, failure);
        } else {
            log.error("unexpected failure on {} {} (trace {})", method, path, trace, withoutMessages(failure, database));
        }
    }

    /** Whether reading the request failed because its connection closed (by the client, or by the server's guard). */
    static boolean connectionClosed(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.nio.channels.ClosedChannelException || t instanceof org.eclipse.jetty.io.EofException) {
                return true;
            }
        }
        return false;
    }

    private static SQLException databaseCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    /** The failure's stack under a message that names only the database error's kind. */
    private static Throwable withoutMessages(Throwable failure, SQLException database) {
        RuntimeException safe = new RuntimeException("database error " + database.getClass().getSimpleName()
                + " (SQLState " + database.getSQLState() + ", vendor code " + database.getErrorCode() + ") under "
                + failure.getClass().getName() + "; its message is not logged, as it may hold the statement's values");
        safe.setStackTrace(failure.getStackTrace());
        return safe;
    }
}
