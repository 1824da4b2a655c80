package dev.latchkey.store;

import java.time.Duration;
import org.jdbi.v3.core.Handle;

/**
 * Keeps the commands that must have a database to themselves ({@code import}, {@code master-key-rotate}) from running
 * beside a server. On PostgreSQL every node holds a shared advisory lock on its schema while its {@link ChangeFeed}
 * is connected, and such a command takes the same lock exclusively for its transaction: it is refused while a node
 * runs, and a node that connects meanwhile waits for it. On H2 the database file's own lock keeps every other process
 * out, so there is nothing to take.
 */
public final class ExclusiveUse {
    /** The advisory lock's first key ("LKEY"); the second is the schema's hash, so schemas do not exclude each other. */
    private static final int LOCK_CLASS = 0x4c4b4559;
    static final String HOLD_SHARED = "SELECT pg_advisory_lock_shared(" + LOCK_CLASS + ", hashtext(current_schema()))";
    private static final String TRY_EXCLUSIVE =
            "SELECT pg_try_advisory_xact_lock(" + LOCK_CLASS + ", hashtext(current_schema()))";
    /** A node that was just stopped lets go of its lock within a second (its change feed polls every 500 ms). */
    private static final Duration PATIENCE = Duration.ofSeconds(3);

    private ExclusiveUse() {
    }

    /** Takes the database for the rest of {@code handle}'s transaction. @throws InUse while a node holds it */
    public static void claim(Database database, Handle handle) {
        if (!database.isPostgres()) {
            return;
        }
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!handle.createQuery(TRY_EXCLUSIVE).mapTo(Boolean.class).one()) {
            if (System.nanoTime() > deadline) {
                throw new InUse();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InUse();
            }
        }
    }

    /** A server node (or another such command) is using the database. */
    public static final class InUse extends RuntimeException {
        private InUse() {
            super("A Latchkey server (or another import or master-key-rotate) is using this database; stop every "
                    + "node first");
        }
    }
}
