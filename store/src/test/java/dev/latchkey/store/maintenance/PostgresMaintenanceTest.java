package dev.latchkey.store.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.store.Database;
import dev.latchkey.store.ExclusiveUse;
import dev.latchkey.store.Postgres;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PostgresMaintenanceTest extends MaintenanceContract {
    String url;

    @Override
    Database openDatabase() {
        url = Postgres.freshSchemaUrl();
        return Database.open(url, Postgres.USER, null, 4);
    }

    /** A node runs while its change feed holds its share of the schema's lock; another schema's node does not count. */
    @Test
    void aLoadIsRefusedWhileANodeRunsOnTheSameSchema() throws Exception {
        try (Database node = Database.open(url, Postgres.USER, null, 2);
             Database elsewhere = Database.open(Postgres.freshSchemaUrl(), Postgres.USER, null, 2)) {
            elsewhere.changes().start();
            node.changes().start();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
            while (!nodeHoldsItsShare() && Instant.now().isBefore(deadline)) {
                Thread.sleep(20); // polls the feed's connection, not a timing assumption
            }
            assertThat(nodeHoldsItsShare()).isTrue();
            assertThatThrownBy(() -> Restore.into(db, loader -> null)).isInstanceOf(ExclusiveUse.InUse.class)
                    .hasMessageStartingWith("A Latchkey server (or another import or master-key-rotate) is using");
        }
        String loaded = Restore.into(db, loader -> "loaded");
        assertThat(loaded).as("once the node has stopped").isEqualTo("loaded");
    }

    private boolean nodeHoldsItsShare() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' "
                + "AND granted AND mode = 'ShareLock' AND objid::int = hashtext(current_schema())").mapTo(Integer.class)
                .one()) > 0;
    }
}
