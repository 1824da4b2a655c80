package dev.latchkey.store.notification;

import dev.latchkey.core.notification.EventFamily;
import dev.latchkey.core.notification.WebhookEndpoint;
import dev.latchkey.core.notification.WebhookEndpointStore;
import dev.latchkey.store.Sql;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Webhook endpoints in {@code notification_endpoints}; the secret column holds only sealed bytes, {@code events} the
 * subscribed families as {@link EventFamily#join} writes them. Thread-safe.
 */
public final class JdbcWebhookEndpointStore implements WebhookEndpointStore {
    private static final String COLUMNS = "id, account_id, url, description, created_by, created_at, events, version";
    private static final RowMapper<WebhookEndpoint> MAPPER = (rs, ctx) -> new WebhookEndpoint(rs.getString("id"),
            rs.getString("account_id"), rs.getString("url"), rs.getString("description"), rs.getString("created_by"),
            Sql.instant(rs, "created_at"), EventFamily.split(rs.getString("events")), rs.getLong("version"));
    private final Jdbi jdbi;

    public JdbcWebhookEndpointStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public boolean insertWithin(WebhookEndpoint e, byte[] sealedSecret, int limit) {
        return jdbi.inTransaction(h -> {
            h.createQuery("SELECT id FROM accounts WHERE id = :account FOR UPDATE").bind("account", e.accountId())
                    .mapTo(String.class).list();
            int count = h.createQuery("SELECT COUNT(*) FROM notification_endpoints WHERE account_id = :account")
                    .bind("account", e.accountId()).mapTo(Integer.class).one();
            if (count >= limit) {
                return false;
            }
            h.createUpdate("""
                            INSERT INTO notification_endpoints (id, account_id, url, description, sealed_secret,
                                created_by, created_at, events, version)
                            VALUES (:id, :account, :url, :description, :secret, :by, :at, :events, :version)""")
                    .bind("id", e.id()).bind("account", e.accountId()).bind("url", e.url())
                    .bind("description", e.description()).bind("secret", sealedSecret).bind("by", e.createdBy())
                    .bind("at", Sql.time(e.createdAt())).bind("events", EventFamily.join(e.events()))
                    .bind("version", e.version()).execute();
            return true;
        });
    }

    @Override
    public Optional<WebhookEndpoint> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM notification_endpoints WHERE id = :id")
                .bind("id", id).map(MAPPER).findOne());
    }

    @Override
    public List<WebhookEndpoint> list(String accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM notification_endpoints WHERE account_id = :account ORDER BY created_at, id")
                .bind("account", accountId).map(MAPPER).list());
    }

    @Override
    public boolean update(WebhookEndpoint changed, long expectedVersion) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE notification_endpoints
                           SET description = :description, events = :events, version = :version
                         WHERE id = :id AND account_id = :account AND version = :expected""")
                .bind("description", changed.description()).bind("events", EventFamily.join(changed.events()))
                .bind("version", changed.version()).bind("id", changed.id()).bind("account", changed.accountId())
                .bind("expected", expectedVersion).execute()) == 1;
    }

    @Override
    public boolean delete(String accountId, String id) {
        return jdbi.withHandle(h -> h.createUpdate(
                        "DELETE FROM notification_endpoints WHERE account_id = :account AND id = :id")
                .bind("account", accountId).bind("id", id).execute()) == 1;
    }

    @Override
    public Optional<byte[]> sealedSecret(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT sealed_secret FROM notification_endpoints WHERE id = :id")
                .bind("id", id).mapTo(byte[].class).findOne());
    }
}
