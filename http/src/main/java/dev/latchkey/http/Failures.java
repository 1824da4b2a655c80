package dev.latchkey.http;

import java.sql.SQLException;
import java.util.function.Predicate;
import org.eclipse.jetty.http.HttpException;
import org.slf4j.Logger;

/**
 * Answers and logs the failures no route turned into a {@code DomainException}, the same way on the servlet and
 * the direct routes. A 500 is logged without letting a secret or a client's value into the log. A database
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

    /** What a failure other than a {@code DomainException} is answered with; {@code retryLater}: add Retry-After. */
    record Answer(WireError code, String message, boolean retryLater) {
    }

    /**
     * The answer to a failure no route turned into a {@code DomainException}, logged as it deserves: a request Jetty
     * refused is that 4xx; a connection that closed while the request was read (the client left, or was cut off as
     * too slow) is noted; a database that cannot be reached is a 503 with one warning; anything else is a 500 whose
     * cause is logged with the trace id (without a database's message, which may hold values).
     */
    static Answer answerFor(Throwable failure, Predicate<Throwable> outage, Logger log, String method, String path,
                            String trace) {
        if (failure instanceof HttpException refused && refused.getCode() < 500) {
            return new Answer(RejectedRequests.code(refused.getCode()), RejectedRequests.message(refused.getCode(), null),
                    false);
        }
        if (connectionClosed(failure)) {
            log.info("{} {}: the connection closed before the request was read (trace {})", method, path, trace);
            return new Answer(WireError.REQUEST_TIMEOUT, RejectedRequests.message(408, null), false);
        }
        if (outage.test(failure)) {
            log.warn("database unreachable: {} {} answered 503 (trace {})", method, path, trace);
            return new Answer(WireError.SERVICE_UNAVAILABLE, OUTAGE_MESSAGE, true);
        }
        logUnexpected(log, method, path, trace, failure);
        return new Answer(WireError.INTERNAL, ErrorBodies.INTERNAL_MESSAGE, false);
    }

    private static void logUnexpected(Logger log, String method, String path, String trace, Throwable failure) {
        SQLException database = databaseCause(failure);
        if (database == null) {
            log.error("unexpected failure on {} {} (trace {})", method, path, trace, failure);
        } else {
            log.error("unexpected failure on {} {} (trace {})", method, path, trace, withoutMessages(failure, database));
        }
    }

    /** Whether reading the request failed because its connection closed (by the client, or by the server's guard). */
    private static boolean connectionClosed(Throwable failure) {
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
