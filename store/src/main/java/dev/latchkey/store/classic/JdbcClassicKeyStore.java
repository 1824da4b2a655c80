package dev.latchkey.store.classic;

import dev.latchkey.core.classic.ClassicKey;
import dev.latchkey.core.classic.ClassicKeyStore;
import dev.latchkey.core.identity.Membership;
import dev.latchkey.store.Sql;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Classic keys in {@code classic_keys}; the unique (account, user) constraint keeps one per user. Thread-safe. */
public final class JdbcClassicKeyStore implements ClassicKeyStore {
    private static final RowMapper<ClassicKey> MAPPER = (rs, ctx) -> new ClassicKey(rs.getString("id"),
            rs.getString("account_id"), rs.getString("iam_id"), rs.getString("value_hash"), rs.getBytes("sealed_value"),
            rs.getString("display_prefix"), rs.getString("created_by"), Sql.instant(rs, "created_at"));
    private final Jdbi jdbi;

    public JdbcClassicKeyStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Insert insertIfNone(ClassicKey key) {
        try {
            return jdbi.inTransaction(h -> {
                // The membership row is locked, so a removal of the user cannot pass between this check and the insert.
                boolean member = h.createQuery("SELECT state FROM account_members WHERE account_id = :account "
                                + "AND iam_id = :iamId FOR UPDATE")
                        .bind("account", key.accountId()).bind("iamId", key.iamId()).mapTo(String.class).findOne()
                        .filter(Membership.ACTIVE::equals).isPresent();
                if (!member) {
                    return Insert.NOT_A_MEMBER;
                }
                boolean exists = h.createQuery("SELECT COUNT(*) FROM classic_keys WHERE account_id = :account AND iam_id = :iamId")
                        .bind("account", key.accountId()).bind("iamId", key.iamId()).mapTo(Integer.class).one() > 0;
                if (exists) {
                    return Insert.ALREADY_HAS_ONE;
                }
                h.createUpdate("""
                        INSERT INTO classic_keys (id, account_id, iam_id, value_hash, sealed_value, display_prefix,
                            created_by, created_at)
                        VALUES (:id, :account, :iamId, :hash, :sealed, :prefix, :by, :at)""")
                        .bind("id", key.id()).bind("account", key.accountId()).bind("iamId", key.iamId())
                        .bind("hash", key.hash()).bind("sealed", key.sealedValue()).bind("prefix", key.displayPrefix())
                        .bind("by", key.createdBy()).bind("at", Sql.time(key.createdAt())).execute();
                return Insert.INSERTED;
            });
        } catch (UnableToExecuteStatementException raced) {
            // Two creates at once: the unique (account_id, iam_id) constraint let one through.
            return Insert.ALREADY_HAS_ONE;
        }
    }

    @Override
    public Optional<ClassicKey> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM classic_keys WHERE id = :id").bind("id", id)
                .map(MAPPER).findOne());
    }

    @Override
    public Optional<ClassicKey> findByHash(String hash) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM classic_keys WHERE value_hash = :hash").bind("hash", hash)
                .map(MAPPER).findOne());
    }

    @Override
    public List<ClassicKey> forIdentities(String accountId, List<String> iamIds) {
        if (iamIds.isEmpty()) {
            return List.of();
        }
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM classic_keys WHERE account_id = :account AND iam_id IN (<ids>) ORDER BY created_at, id")
                .bind("account", accountId).bindList("ids", iamIds).map(MAPPER).list());
    }

    @Override
    public boolean delete(String id) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM classic_keys WHERE id = :id").bind("id", id).execute()) == 1;
    }
}
