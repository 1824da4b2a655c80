package dev.latchkey.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.token.StoredSigningKey;
import dev.latchkey.store.token.JdbcSigningKeyStore;
import java.nio.file.Path;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migration 15 on a database that already has signing keys (made before rotation existed): each key signs from its
 * creation, succeeds the key made before it, and nothing is retired.
 */
class SigningKeyMigrationTest {
    @TempDir
    Path dir;

    @Test
    void h2KeysMadeBeforeRotationGetTheirTimesAndTheirPredecessors() {
        migrateKeysMadeBeforeRotation(Database.h2Url(dir), "");
    }

    @Test
    void postgresKeysMadeBeforeRotationGetTheirTimesAndTheirPredecessors() {
        migrateKeysMadeBeforeRotation(Postgres.freshSchemaUrl(), Postgres.USER);
    }

    private static void migrateKeysMadeBeforeRotation(String url, String user) {
        Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration").target("14").load()
                .migrate();
        Jdbi.create(url, user, "").useHandle(h -> {
            for (String[] key : List.of(new String[] {"202501010000", "2025-01-01T00:00:00Z"},
                    new String[] {"202506010000", "2025-06-01T00:00:00Z"},
                    new String[] {"202506010000-1", "2025-06-01T00:00:00Z"})) {
                h.execute("INSERT INTO signing_keys (kid, algorithm, public_key, sealed_private_key, created_at) "
                        + "VALUES (?, 'RS256', ?, ?, CAST(? AS TIMESTAMP WITH TIME ZONE))", key[0], new byte[] {1},
                        new byte[] {2}, key[1]);
            }
        });
        try (Database db = Database.open(url, user, "", 2)) {
            JdbcSigningKeyStore store = new JdbcSigningKeyStore(db.jdbi(), db.changes());
            List<StoredSigningKey> keys = store.all();
            assertThat(keys).extracting(StoredSigningKey::kid)
                    .containsExactly("202501010000", "202506010000", "202506010000-1");
            assertThat(keys).extracting(StoredSigningKey::succeeds)
                    .containsExactly(StoredSigningKey.FIRST, "202501010000", "202506010000");
            assertThat(keys).allSatisfy(k -> {
                assertThat(k.activatesAt()).isEqualTo(k.createdAt());
                assertThat(k.retiredAt()).isNull();
                assertThat(k.sealedPrivateKey()).containsExactly(2);
            });
            StoredSigningKey last = keys.getLast();
            assertThat(store.insert(new StoredSigningKey("again", "RS256", new byte[] {1}, new byte[] {2},
                    last.createdAt().plusSeconds(1), last.createdAt(), null, "202506010000"))).as(
                    "a second key after one that has a successor").isFalse();
        }
    }
}
