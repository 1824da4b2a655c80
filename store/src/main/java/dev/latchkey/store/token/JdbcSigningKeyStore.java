package dev.latchkey.store.token;

import dev.latchkey.core.token.SigningKeyStore;
import dev.latchkey.core.token.StoredSigningKey;
import dev.latchkey.store.ChangeFeed;
import dev.latchkey.store.Sql;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Token-signing keys in {@code signing_keys}; the private half arrives already sealed and is erased on retirement.
 * A key whose kid or predecessor is taken is not inserted ({@code ON CONFLICT DO NOTHING} on the primary key and the
 * unique {@code succeeds}: of two nodes rotating at once, the second waits for the first's commit and inserts
 * nothing). Every change is published on the {@link ChangeFeed} ({@link #TOPIC}) so that other nodes load it at
 * once. Thread-safe.
 */
public final class JdbcSigningKeyStore implements SigningKeyStore {
    public static final String TOPIC = "signing_keys";
    private final Jdbi jdbi;
    private final ChangeFeed changes;

    public JdbcSigningKeyStore(Jdbi jdbi, ChangeFeed changes) {
        this.jdbi = jdbi;
        this.changes = changes;
    }

    @Override
    public List<StoredSigningKey> all() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM signing_keys ORDER BY created_at, kid")
                .map((rs, ctx) -> new StoredSigningKey(rs.getString("kid"), rs.getString("algorithm"),
                        rs.getBytes("public_key"), rs.getBytes("sealed_private_key"), Sql.instant(rs, "created_at"),
                        Sql.instant(rs, "activates_at"), Sql.instant(rs, "retired_at"), rs.getString("succeeds")))
                .list());
    }

    @Override
    public boolean insert(StoredSigningKey key) {
        return jdbi.inTransaction(h -> {
            int inserted = h.createUpdate("""
                            INSERT INTO signing_keys (kid, algorithm, public_key, sealed_private_key, created_at,
                                activates_at, retired_at, succeeds)
                            VALUES (:kid, :alg, :pub, :priv, :created, :activates, :retired, :succeeds)
                            ON CONFLICT DO NOTHING""")
                    .bind("kid", key.kid()).bind("alg", key.algorithm()).bind("pub", key.publicKey())
                    .bind("priv", key.sealedPrivateKey()).bind("created", Sql.time(key.createdAt()))
                    .bind("activates", Sql.time(key.activatesAt())).bind("retired", Sql.time(key.retiredAt()))
                    .bind("succeeds", key.succeeds()).execute();
            if (inserted == 1) {
                changes.publish(h, TOPIC, key.kid());
            }
            return inserted == 1;
        });
    }

    @Override
    public boolean retire(String kid, Instant at) {
        return jdbi.inTransaction(h -> {
            int retired = h.createUpdate("""
                            UPDATE signing_keys SET retired_at = :at, sealed_private_key = NULL
                            WHERE kid = :kid AND retired_at IS NULL""")
                    .bind("at", Sql.time(at)).bind("kid", kid).execute();
            if (retired == 1) {
                changes.publish(h, TOPIC, kid);
            }
            return retired == 1;
        });
    }
}
