package dev.latchkey.store.session;

import dev.latchkey.core.session.ConsoleSession;
import dev.latchkey.core.session.SessionStore;
import dev.latchkey.store.Sql;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Console sessions in {@code console_sessions}, keyed by the hash of the cookie value. Thread-safe. */
public final class JdbcSessionStore implements SessionStore {
    private static final RowMapper<ConsoleSession> MAPPER = (rs, ctx) -> new ConsoleSession(rs.getString("id_hash"),
            rs.getString("iam_id"), rs.getString("account_id"), rs.getString("csrf_token"),
            Sql.instant(rs, "created_at"), Sql.instant(rs, "expires_at"), rs.getString("authn_account_id"));
    private final Jdbi jdbi;

    public JdbcSessionStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void insert(ConsoleSession s) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO console_sessions (id_hash, iam_id, account_id, csrf_token, created_at, expires_at,
                            authn_account_id)
                        VALUES (:id, :iamId, :account, :csrf, :created, :expires, :authn)""")
                .bind("id", s.idHash()).bind("iamId", s.iamId()).bind("account", s.accountId())
                .bind("csrf", s.csrfToken()).bind("created", Sql.time(s.createdAt()))
                .bind("expires", Sql.time(s.expiresAt())).bind("authn", s.authnAccountId()).execute());
    }

    @Override
    public Optional<ConsoleSession> find(String idHash) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT id_hash, iam_id, account_id, csrf_token, created_at, expires_at, authn_account_id
                          FROM console_sessions WHERE id_hash = :id""")
                .bind("id", idHash).map(MAPPER).findOne());
    }

    @Override
    public boolean delete(String idHash) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM console_sessions WHERE id_hash = :id")
                .bind("id", idHash).execute()) > 0;
    }

    @Override
    public int deleteAllOf(String iamId) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM console_sessions WHERE iam_id = :iamId")
                .bind("iamId", iamId).execute());
    }

    @Override
    public int deleteExpired(Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM console_sessions WHERE expires_at < :now")
                .bind("now", Sql.time(now)).execute());
    }
}
