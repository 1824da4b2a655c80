package dev.latchkey.store.notification;

import dev.latchkey.core.apikey.InactivityNoticeStore;
import dev.latchkey.store.Sql;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Inactivity warnings in {@code apikey_inactivity_notices}, whose primary key (key, last use) lets one insert win;
 * later inserts do nothing ({@code ON CONFLICT DO NOTHING}, which H2 accepts in PostgreSQL mode). Thread-safe.
 */
public final class JdbcInactivityNoticeStore implements InactivityNoticeStore {
    private final Jdbi jdbi;

    public JdbcInactivityNoticeStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<Instant> warnedAt(String keyId, Instant lastUsedAt) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT sent_at FROM apikey_inactivity_notices
                        WHERE api_key_id = :keyId AND last_used_at = :lastUsedAt""")
                .bind("keyId", keyId).bind("lastUsedAt", Sql.time(lastUsedAt))
                .map((rs, ctx) -> Sql.instant(rs, "sent_at")).findOne());
    }

    @Override
    public boolean recordWarning(String keyId, Instant lastUsedAt, Instant at) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO apikey_inactivity_notices (api_key_id, last_used_at, sent_at)
                        VALUES (:keyId, :lastUsedAt, :at) ON CONFLICT DO NOTHING""")
                .bind("keyId", keyId).bind("lastUsedAt", Sql.time(lastUsedAt)).bind("at", Sql.time(at))
                .execute()) == 1;
    }
}
