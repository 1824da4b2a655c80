package dev.latchkey.store.audit;

import dev.latchkey.core.audit.AuditEvent;
import dev.latchkey.core.audit.AuditPage;
import dev.latchkey.core.audit.AuditQuery;
import dev.latchkey.core.audit.AuditStore;
import dev.latchkey.core.audit.AuditTarget;
import dev.latchkey.core.audit.ChainHead;
import dev.latchkey.store.Sql;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

/**
 * The audit trails in {@code audit_events} (details in {@code audit_event_details}) with each account's head in
 * {@code audit_chains}. An append locks the head row ({@code SELECT … FOR UPDATE}) to the end of the caller's
 * transaction, so an account's events get consecutive seqs in commit order. Thread-safe.
 */
public final class JdbcAuditStore implements AuditStore {
    private static final int BATCH = 500;
    private static final String EVENT = """
            SELECT account_id, seq, id, occurred_at, actor, actor_address, trace_id, action, target_type, target_id,
                   target_name, outcome, previous_hash, hash
              FROM audit_events""";
    private static final RowMapper<ChainHead> HEAD = (rs, ctx) -> new ChainHead(rs.getString("account_id"),
            rs.getLong("first_seq"), rs.getString("first_previous_hash"), rs.getLong("last_seq"),
            rs.getString("last_hash"));
    private final Jdbi jdbi;

    public JdbcAuditStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public AuditEvent append(AuditEvent unchained) {
        return jdbi.inTransaction(h -> {
            String account = unchained.accountId();
            h.createUpdate("""
                            INSERT INTO audit_chains (account_id, first_seq, first_previous_hash, last_seq, last_hash)
                            VALUES (:account, 1, :genesis, 0, :genesis) ON CONFLICT DO NOTHING""")
                    .bind("account", account).bind("genesis", AuditEvent.GENESIS).execute();
            ChainHead head = h.createQuery("SELECT * FROM audit_chains WHERE account_id = :account FOR UPDATE")
                    .bind("account", account).map(HEAD).one();
            AuditEvent event = unchained.chained(head.lastSeq() + 1, head.lastHash());
            h.createUpdate("""
                            INSERT INTO audit_events (account_id, seq, id, occurred_at, actor, actor_address, trace_id,
                                                      action, target_type, target_id, target_name, outcome,
                                                      previous_hash, hash)
                            VALUES (:account, :seq, :id, :at, :actor, :address, :trace, :action, :targetType,
                                    :targetId, :targetName, :outcome, :previous, :hash)""")
                    .bind("account", account).bind("seq", event.seq()).bind("id", event.id())
                    .bind("at", Sql.time(event.time())).bind("actor", event.actor())
                    .bind("address", event.actorAddress()).bind("trace", event.traceId())
                    .bind("action", event.action()).bind("targetType", event.target().type())
                    .bind("targetId", event.target().id()).bind("targetName", event.target().name())
                    .bind("outcome", event.outcome().name()).bind("previous", event.previousHash())
                    .bind("hash", event.hash()).execute();
            if (!event.details().isEmpty()) {
                var batch = h.prepareBatch("""
                        INSERT INTO audit_event_details (account_id, seq, field, field_value)
                        VALUES (:account, :seq, :name, :value)""");
                event.details().forEach((name, value) -> batch.bind("account", account).bind("seq", event.seq())
                        .bind("name", name).bind("value", value).add());
                batch.execute();
            }
            h.createUpdate("UPDATE audit_chains SET last_seq = :seq, last_hash = :hash WHERE account_id = :account")
                    .bind("seq", event.seq()).bind("hash", event.hash()).bind("account", account).execute();
            return event;
        });
    }

    @Override
    public Optional<ChainHead> head(String accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM audit_chains WHERE account_id = :account")
                .bind("account", accountId).map(HEAD).findOne());
    }

    @Override
    public AuditPage list(AuditQuery q) {
        return jdbi.withHandle(h -> {
            StringBuilder sql = new StringBuilder(EVENT).append(" WHERE account_id = :account");
            Map<String, Object> binds = new HashMap<>();
            binds.put("account", q.accountId());
            condition(sql, binds, q.before(), "seq < :before", "before");
            condition(sql, binds, Sql.time(q.from()), "occurred_at >= :from", "from");
            condition(sql, binds, Sql.time(q.to()), "occurred_at < :to", "to");
            condition(sql, binds, q.actor(), "actor = :actor", "actor");
            condition(sql, binds, q.action(), "action = :action", "action");
            condition(sql, binds, q.targetId(), "target_id = :target", "target");
            sql.append(" ORDER BY seq DESC LIMIT :limit");
            Query query = h.createQuery(sql.toString()).bindMap(binds).bind("limit", q.limit() + 1);
            List<AuditEvent> events = withDetails(h, q.accountId(), query.map(EVENT_ROW).list());
            if (events.size() <= q.limit()) {
                return new AuditPage(events, null);
            }
            List<AuditEvent> page = events.subList(0, q.limit());
            return new AuditPage(page, page.get(page.size() - 1).seq());
        });
    }

    private static void condition(StringBuilder sql, Map<String, Object> binds, Object value, String clause,
                                  String name) {
        if (value != null) {
            sql.append(" AND ").append(clause);
            binds.put(name, value);
        }
    }

    @Override
    public void forEach(String accountId, Consumer<AuditEvent> each) {
        long after = Long.MIN_VALUE;
        List<AuditEvent> batch;
        do {
            long from = after;
            batch = jdbi.withHandle(h -> withDetails(h, accountId, h.createQuery(EVENT
                            + " WHERE account_id = :account AND seq > :after ORDER BY seq LIMIT :limit")
                    .bind("account", accountId).bind("after", from).bind("limit", BATCH).map(EVENT_ROW).list()));
            batch.forEach(each);
            if (!batch.isEmpty()) {
                after = batch.get(batch.size() - 1).seq();
            }
        } while (batch.size() == BATCH);
    }

    @Override
    public List<String> accounts() {
        return jdbi.withHandle(h -> h.createQuery("SELECT account_id FROM audit_chains ORDER BY account_id")
                .mapTo(String.class).list());
    }

    @Override
    public int trimBefore(String accountId, Instant cutoff) {
        return jdbi.inTransaction(h -> {
            Optional<ChainHead> head = h.createQuery("SELECT * FROM audit_chains WHERE account_id = :account FOR UPDATE")
                    .bind("account", accountId).map(HEAD).findOne();
            if (head.isEmpty()) {
                return 0;
            }
            // the oldest events up to the first that is not older than the cutoff (seq order is the chain's)
            Optional<Long> firstKept = h.createQuery("""
                            SELECT MIN(seq) FROM audit_events WHERE account_id = :account AND occurred_at >= :cutoff""")
                    .bind("account", accountId).bind("cutoff", Sql.time(cutoff)).mapTo(Long.class).findOne();
            long keepFrom = firstKept.orElse(head.get().lastSeq() + 1);
            if (keepFrom <= head.get().firstSeq()) {
                return 0;
            }
            String previous = h.createQuery("SELECT hash FROM audit_events WHERE account_id = :account AND seq = :seq")
                    .bind("account", accountId).bind("seq", keepFrom - 1).mapTo(String.class).findOne()
                    .orElse(head.get().firstPreviousHash());
            h.createUpdate("DELETE FROM audit_event_details WHERE account_id = :account AND seq < :keep")
                    .bind("account", accountId).bind("keep", keepFrom).execute();
            int deleted = h.createUpdate("DELETE FROM audit_events WHERE account_id = :account AND seq < :keep")
                    .bind("account", accountId).bind("keep", keepFrom).execute();
            h.createUpdate("""
                            UPDATE audit_chains SET first_seq = :keep, first_previous_hash = :previous
                             WHERE account_id = :account""")
                    .bind("keep", keepFrom).bind("previous", previous).bind("account", accountId).execute();
            return deleted;
        });
    }

    private static final RowMapper<AuditEvent> EVENT_ROW = (rs, ctx) -> new AuditEvent(rs.getString("account_id"),
            rs.getLong("seq"), rs.getString("id"), Sql.instant(rs, "occurred_at"), rs.getString("actor"),
            rs.getString("actor_address"), rs.getString("trace_id"), rs.getString("action"),
            new AuditTarget(rs.getString("target_type"), rs.getString("target_id"), rs.getString("target_name")),
            AuditEvent.Outcome.valueOf(rs.getString("outcome")), Map.of(), rs.getString("previous_hash"),
            rs.getString("hash"));

    private record Detail(long seq, String name, String value) {
    }

    /** The events with their details, read in one query. */
    private static List<AuditEvent> withDetails(Handle h, String accountId, List<AuditEvent> events) {
        if (events.isEmpty()) {
            return events;
        }
        Map<Long, Map<String, String>> details = new HashMap<>();
        h.createQuery("""
                        SELECT seq, field, field_value FROM audit_event_details
                         WHERE account_id = :account AND seq IN (<seqs>)""")
                .bind("account", accountId).bindList("seqs", events.stream().map(AuditEvent::seq).toList())
                .map((rs, ctx) -> new Detail(rs.getLong("seq"), rs.getString("field"), rs.getString("field_value")))
                .forEach(d -> details.computeIfAbsent(d.seq(), s -> new HashMap<>()).put(d.name(), d.value()));
        List<AuditEvent> complete = new ArrayList<>(events.size());
        for (AuditEvent e : events) {
            complete.add(new AuditEvent(e.accountId(), e.seq(), e.id(), e.time(), e.actor(), e.actorAddress(),
                    e.traceId(), e.action(), e.target(), e.outcome(), details.getOrDefault(e.seq(), Map.of()),
                    e.previousHash(), e.hash()));
        }
        return complete;
    }
}
