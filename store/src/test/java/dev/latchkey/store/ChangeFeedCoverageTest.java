package dev.latchkey.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the change feed vouches for what a cache read (decision record 0040): on H2 always, on PostgreSQL only for
 * reads made on the listening connection that is still up and whose heartbeat keeps coming back.
 */
class ChangeFeedCoverageTest {
    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    @TempDir
    Path dir;

    @Test
    void onH2TheOnlyWriterIsThisProcessSoEveryReadIsVouchedFor() {
        try (Database db = Database.open(Database.h2Url(dir), null, null, 2)) {
            assertThat(db.changes().covers(db.changes().mark(), 1)).isTrue();
        }
    }

    @Test
    void onPostgresAReadIsVouchedForWhileItsConnectionLivesAndNotAfterItIsLost() throws Exception {
        String url = Postgres.freshSchemaUrl();
        try (Database db = Database.open(url, Postgres.USER, null, 2)) {
            ChangeFeed feed = db.changes();
            assertThat(feed.mark()).as("not listening yet").isEqualTo(FeedCoverage.NOT_COVERED);
            assertThat(feed.covers(feed.mark(), 10 * SECOND)).isFalse();

            feed.start();
            awaitTrue(() -> feed.mark() != FeedCoverage.NOT_COVERED);
            long mark = feed.mark();
            assertThat(feed.covers(mark, 10 * SECOND)).isTrue();
            assertThat(feed.covers(mark, 1)).as("no sign of life within the last nanosecond").isFalse();

            // Well past one window of 3 s since it connected: only heartbeats (every second) keep it vouching.
            Thread.sleep(4_000);
            assertThat(feed.covers(mark, 3 * SECOND)).as("the heartbeat came back within 3 s").isTrue();

            int killed = db.jdbi().withHandle(h -> h.createQuery("""
                    SELECT COUNT(pg_terminate_backend(pid)) FROM pg_locks WHERE locktype = 'advisory' AND granted
                       AND mode = 'ShareLock' AND objid::int = hashtext(current_schema())""").mapTo(Integer.class).one());
            assertThat(killed).as("the feed's connection, found by the share of the lock it holds").isEqualTo(1);
            awaitTrue(() -> !feed.covers(mark, 10 * SECOND));

            awaitTrue(() -> feed.mark() != FeedCoverage.NOT_COVERED);
            long after = feed.mark();
            assertThat(after).as("a new connection").isNotEqualTo(mark);
            assertThat(feed.covers(after, 10 * SECOND)).isTrue();
            assertThat(feed.covers(mark, 10 * SECOND)).as("changes made while it was lost never arrived").isFalse();
        }
    }

    /** Polls a condition the feed's thread brings about, for at most 15 s; not a timing assertion. */
    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(15);
        while (!condition.getAsBoolean() && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }
}
