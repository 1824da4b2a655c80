package dev.latchkey.store.password;

import dev.latchkey.core.password.PasswordReset;
import dev.latchkey.core.password.PasswordResetStore;
import dev.latchkey.store.Sql;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Pending password resets in {@code password_resets}, keyed by the hash of the link's secret. Thread-safe. */
public final class JdbcPasswordResetStore implements PasswordResetStore {
    private static final RowMapper<PasswordReset> MAPPER = (rs, ctx) -> new PasswordReset(rs.getString("token_hash"),
            rs.getString("iam_id"), Sql.instant(rs, "created_at"), Sql.instant(rs, "expires_at"));
    private final Jdbi jdbi;

    public JdbcPasswordResetStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void insert(PasswordReset r) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO password_resets (token_hash, iam_id, created_at, expires_at)
                        VALUES (:hash, :iamId, :created, :expires)""")
                .bind("hash", r.tokenHash()).bind("iamId", r.iamId()).bind("created", Sql.time(r.createdAt()))
                .bind("expires", Sql.time(r.expiresAt())).execute());
    }

    @Override
    public Optional<PasswordReset> find(String tokenHash) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT token_hash, iam_id, created_at, expires_at FROM password_resets
                         WHERE token_hash = :hash""")
                .bind("hash", tokenHash).map(MAPPER).findOne());
    }

    @Override
    public boolean delete(String tokenHash) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM password_resets WHERE token_hash = :hash")
                .bind("hash", tokenHash).execute()) > 0;
    }

    @Override
    public int deleteAllOf(String iamId) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM password_resets WHERE iam_id = :iamId")
                .bind("iamId", iamId).execute());
    }

    @Override
    public int deleteExpired(Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM password_resets WHERE expires_at < :now")
                .bind("now", Sql.time(now)).execute());
    }
}
