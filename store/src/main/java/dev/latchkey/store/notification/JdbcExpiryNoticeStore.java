package dev.latchkey.store.notification;

import dev.latchkey.core.notification.ExpiringKey;
import dev.latchkey.core.notification.ExpiryNoticeStore;
import dev.latchkey.core.notification.KeyEvent;
import dev.latchkey.store.Sql;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Expiry warnings: keys read from {@code api_keys} by expiry, warnings recorded in
 * {@code notification_expiry_notices}, whose primary key (key, kind, expiry) lets one insert win; later inserts
 * do nothing ({@code ON CONFLICT DO NOTHING}, which H2 accepts in PostgreSQL mode). Thread-safe.
 */
public final class JdbcExpiryNoticeStore implements ExpiryNoticeStore {
    private final Jdbi jdbi;

    public JdbcExpiryNoticeStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public List<ExpiringKey> withoutNotice(KeyEvent.Kind kind, Instant from, Instant to, int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT k.id, k.account_id, k.iam_id, k.name, k.display_prefix, k.expires_at FROM api_keys k
                        WHERE k.expires_at > :from AND k.expires_at <= :to
                          AND NOT EXISTS (SELECT 1 FROM notification_expiry_notices n
                                          WHERE n.api_key_id = k.id AND n.kind = :kind AND n.expires_at = k.expires_at)
                        ORDER BY k.expires_at, k.id LIMIT :limit""")
                .bind("from", Sql.time(from)).bind("to", Sql.time(to)).bind("kind", kind.name()).bind("limit", limit)
                .map((rs, ctx) -> new ExpiringKey(rs.getString("id"), rs.getString("account_id"), rs.getString("iam_id"),
                        rs.getString("name"), rs.getString("display_prefix"), Sql.instant(rs, "expires_at")))
                .list());
    }

    @Override
    public boolean record(String keyId, KeyEvent.Kind kind, Instant expiresAt, Instant at) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO notification_expiry_notices (api_key_id, kind, expires_at, sent_at)
                        VALUES (:keyId, :kind, :expiresAt, :at) ON CONFLICT DO NOTHING""")
                .bind("keyId", keyId).bind("kind", kind.name()).bind("expiresAt", Sql.time(expiresAt))
                .bind("at", Sql.time(at)).execute()) == 1;
    }
}
