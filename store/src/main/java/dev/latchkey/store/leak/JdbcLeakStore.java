package dev.latchkey.store.leak;

import dev.latchkey.core.common.IamIds;
import dev.latchkey.core.common.Page;
import dev.latchkey.core.leak.LeakStore;
import dev.latchkey.core.leak.Sighting;
import dev.latchkey.store.Sql;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Leak sightings in {@code leak_sightings}, unique by token hash. Thread-safe. */
public final class JdbcLeakStore implements LeakStore {
    private static final RowMapper<Sighting> MAPPER = (rs, ctx) -> new Sighting(rs.getString("id"),
            rs.getString("token_hash"), rs.getString("token_type"), rs.getString("key_id"), rs.getString("key_name"),
            rs.getString("display_prefix"), rs.getString("account_id"), rs.getString("iam_id"), rs.getString("url"),
            rs.getString("source"), rs.getString("reported_by"), Sql.instant(rs, "reported_at"), rs.getString("action"),
            rs.getLong("authn_count_at_report"));
    private final Jdbi jdbi;

    public JdbcLeakStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Sighting insertIfAbsent(Sighting s) {
        return jdbi.inTransaction(h -> {
            Optional<Sighting> existing = h.createQuery("SELECT * FROM leak_sightings WHERE token_hash = :hash")
                    .bind("hash", s.tokenHash()).map(MAPPER).findOne();
            if (existing.isPresent()) {
                return existing.get();
            }
            h.createUpdate("""
                    INSERT INTO leak_sightings (id, token_hash, token_type, key_id, key_name, display_prefix, account_id,
                        iam_id, url, source, reported_by, reported_at, action, authn_count_at_report)
                    VALUES (:id, :hash, :type, :keyId, :keyName, :prefix, :account, :iamId, :url, :source, :by, :at,
                        :action, :count)""")
                    .bind("id", s.id()).bind("hash", s.tokenHash()).bind("type", clip(s.tokenType(), 128))
                    .bind("keyId", s.keyId()).bind("keyName", s.keyName()).bind("prefix", s.displayPrefix())
                    .bind("account", s.accountId()).bind("iamId", s.iamId()).bind("url", clip(s.url(), 2048))
                    .bind("source", clip(s.source(), 256)).bind("by", s.reportedBy()).bind("at", Sql.time(s.reportedAt()))
                    .bind("action", s.action()).bind("count", s.authnCountAtReport()).execute();
            return s;
        });
    }

    @Override
    public Optional<Sighting> findByHash(String tokenHash) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM leak_sightings WHERE token_hash = :hash")
                .bind("hash", tokenHash).map(MAPPER).findOne());
    }

    @Override
    public Page<Sighting> list(Query query) {
        StringBuilder sql = new StringBuilder("SELECT * FROM leak_sightings WHERE account_id = :account");
        if (query.iamId() != null) {
            sql.append(" AND iam_id = :iamId");
        }
        if (query.owners() == Owners.SERVICE_IDS) {
            sql.append(" AND iam_id LIKE :serviceIds");
        } else if (query.owners() == Owners.USERS) {
            sql.append(" AND iam_id NOT LIKE :serviceIds");
        }
        sql.append(" ORDER BY reported_at DESC, id LIMIT :limit OFFSET :offset");
        List<Sighting> rows = jdbi.withHandle(h -> {
            var select = h.createQuery(sql.toString()).bind("account", query.accountId())
                    .bind("limit", query.limit() + 1).bind("offset", query.offset());
            if (query.iamId() != null) {
                select.bind("iamId", query.iamId());
            }
            if (query.owners() != null) {
                select.bind("serviceIds", IamIds.SERVICE_ID_PREFIX + "%");
            }
            return select.map(MAPPER).list();
        });
        boolean more = rows.size() > query.limit();
        return new Page<>(more ? rows.subList(0, query.limit()) : rows, query.offset(), query.limit(), more);
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
