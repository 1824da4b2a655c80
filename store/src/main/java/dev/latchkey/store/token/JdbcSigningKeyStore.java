package dev.latchkey.store.token;

import dev.latchkey.core.token.SigningKeyStore;
import dev.latchkey.core.token.StoredSigningKey;
import dev.latchkey.store.Sql;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Token-signing keys in {@code signing_keys}; the private half arrives already sealed. Thread-safe. */
public final class JdbcSigningKeyStore implements SigningKeyStore {
    private final Jdbi jdbi;

    public JdbcSigningKeyStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public List<StoredSigningKey> all() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM signing_keys ORDER BY created_at")
                .map((rs, ctx) -> new StoredSigningKey(rs.getString("kid"), rs.getString("algorithm"),
                        rs.getBytes("public_key"), rs.getBytes("sealed_private_key"), Sql.instant(rs, "created_at")))
                .list());
    }

    @Override
    public void insert(StoredSigningKey key) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO signing_keys (kid, algorithm, public_key, sealed_private_key, created_at)
                        VALUES (:kid, :alg, :pub, :priv, :at)""")
                .bind("kid", key.kid()).bind("alg", key.algorithm()).bind("pub", key.publicKey())
                .bind("priv", key.sealedPrivateKey()).bind("at", Sql.time(key.createdAt())).execute());
    }
}
