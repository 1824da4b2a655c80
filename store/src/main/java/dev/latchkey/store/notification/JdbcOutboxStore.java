package dev.latchkey.store.notification;

import dev.latchkey.core.common.Page;
import dev.latchkey.core.notification.OutboxMessage;
import dev.latchkey.core.notification.OutboxStore;
import dev.latchkey.store.KeysetSql;
import dev.latchkey.store.Sql;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The outbox in {@code notification_outbox}. A claim is one conditional UPDATE that sets a lease
 * ({@code claimed_until}) and a claim token on due rows whose lease is free, re-checking the condition on each
 * row it updates, so two dispatchers never hold the same row; it works the same on PostgreSQL and H2. Every
 * outcome is written only by the holder of the claim token. Thread-safe.
 */
public final class JdbcOutboxStore implements OutboxStore {
    private static final String COLUMNS = "id, event_id, account_id, event_type, subject_id, channel, recipient, "
            + "endpoint_id, subject, body, state, attempts, next_attempt_at, last_error, created_at, finished_at";
    private static final String DUE = "state = 'pending' AND next_attempt_at <= :now "
            + "AND (claimed_until IS NULL OR claimed_until <= :now)";
    private static final RowMapper<OutboxMessage> MAPPER = (rs, ctx) -> new OutboxMessage(rs.getString("id"),
            rs.getString("event_id"), rs.getString("account_id"), rs.getString("event_type"),
            rs.getString("subject_id"), OutboxMessage.Channel.valueOf(rs.getString("channel").toUpperCase(Locale.ROOT)),
            rs.getString("recipient"), rs.getString("endpoint_id"), rs.getString("subject"), rs.getString("body"),
            OutboxMessage.State.valueOf(rs.getString("state").toUpperCase(Locale.ROOT)), rs.getInt("attempts"),
            Sql.instant(rs, "next_attempt_at"), rs.getString("last_error"), Sql.instant(rs, "created_at"),
            Sql.instant(rs, "finished_at"));
    private final Jdbi jdbi;
    private final boolean postgres;

    /** @param postgres whether {@code jdbi} is PostgreSQL (else H2): the listing is written for each */
    public JdbcOutboxStore(Jdbi jdbi, boolean postgres) {
        this.jdbi = jdbi;
        this.postgres = postgres;
    }

    @Override
    public void insert(OutboxMessage m) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO notification_outbox (" + COLUMNS + ") VALUES (:id, :eventId, "
                        + ":accountId, :type, :subjectId, :channel, :recipient, :endpointId, :subject, :body, :state, "
                        + ":attempts, :nextAttemptAt, :lastError, :createdAt, :finishedAt)")
                .bind("id", m.id()).bind("eventId", m.eventId()).bind("accountId", m.accountId())
                .bind("type", m.type()).bind("subjectId", m.subjectId()).bind("channel", m.channel().wire())
                .bind("recipient", m.recipient()).bind("endpointId", m.endpointId()).bind("subject", m.subject())
                .bind("body", m.body()).bind("state", m.state().wire()).bind("attempts", m.attempts())
                .bind("nextAttemptAt", Sql.time(m.nextAttemptAt())).bind("lastError", m.lastError())
                .bind("createdAt", Sql.time(m.createdAt())).bind("finishedAt", Sql.time(m.finishedAt())).execute());
    }

    @Override
    public Optional<OutboxMessage> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM notification_outbox WHERE id = :id")
                .bind("id", id).map(MAPPER).findOne());
    }

    @Override
    public List<OutboxMessage> claimDue(String claimToken, Instant now, Instant leaseUntil, int limit) {
        return jdbi.withHandle(h -> {
            // The condition is repeated outside the subquery: a row another claimant leased meanwhile fails it when
            // the UPDATE re-reads the row, so it is skipped rather than taken twice.
            h.createUpdate("UPDATE notification_outbox SET claimed_until = :until, claim_token = :token WHERE id IN ("
                            + "SELECT id FROM notification_outbox WHERE " + DUE
                            + " ORDER BY next_attempt_at, id LIMIT :limit) AND " + DUE)
                    .bind("until", Sql.time(leaseUntil)).bind("token", claimToken).bind("now", Sql.time(now))
                    .bind("limit", limit).execute();
            return h.createQuery("SELECT " + COLUMNS + " FROM notification_outbox WHERE claim_token = :token "
                            + "AND state = 'pending' ORDER BY next_attempt_at, id")
                    .bind("token", claimToken).map(MAPPER).list();
        });
    }

    @Override
    public boolean markDelivered(String id, String claimToken, Instant at) {
        return finish(id, claimToken, "delivered", null, at);
    }

    @Override
    public boolean markFailed(String id, String claimToken, String error, Instant at) {
        return finish(id, claimToken, "failed", error, at);
    }

    private boolean finish(String id, String claimToken, String state, String error, Instant at) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE notification_outbox SET state = :state, attempts = attempts + 1,
                            last_error = COALESCE(:error, last_error), finished_at = :at,
                            claimed_until = NULL, claim_token = NULL
                        WHERE id = :id AND claim_token = :token AND state = 'pending'""")
                .bind("state", state).bind("error", error).bind("at", Sql.time(at)).bind("id", id)
                .bind("token", claimToken).execute()) == 1;
    }

    @Override
    public boolean scheduleRetry(String id, String claimToken, String error, Instant nextAttemptAt,
                                 boolean countAttempt) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE notification_outbox SET attempts = attempts + :increment, last_error = :error,
                            next_attempt_at = :next, claimed_until = NULL, claim_token = NULL
                        WHERE id = :id AND claim_token = :token AND state = 'pending'""")
                .bind("increment", countAttempt ? 1 : 0).bind("error", error).bind("next", Sql.time(nextAttemptAt))
                .bind("id", id).bind("token", claimToken).execute()) == 1;
    }

    @Override
    public int releaseDeferred(OutboxMessage.Channel channel, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE notification_outbox SET next_attempt_at = :now
                        WHERE state = 'pending' AND channel = :channel AND attempts = 0 AND next_attempt_at > :now""")
                .bind("now", Sql.time(now)).bind("channel", channel.wire()).execute());
    }

    @Override
    public int pruneFinished(Instant before) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        DELETE FROM notification_outbox
                        WHERE state IN ('delivered', 'failed') AND finished_at < :before""")
                .bind("before", Sql.time(before)).execute());
    }

    @Override
    public long pending(OutboxMessage.Channel channel) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM notification_outbox WHERE state = 'pending' AND channel = :channel")
                .bind("channel", channel.wire()).mapTo(Long.class).one());
    }

    /** By offset, or after a position as a range of V35's index read in order at any depth (decision 0038). */
    @Override
    public Page<OutboxMessage> list(String accountId, OutboxMessage.State state, OutboxMessage.Position after,
                                    boolean newestFirst, int offset, int limit) {
        KeysetSql.Statement statement = listing(accountId, state, after, newestFirst, offset, limit, postgres);
        List<OutboxMessage> rows = jdbi.withHandle(h -> h.createQuery(statement.sql()).bindMap(statement.bindings())
                .map(MAPPER).list());
        boolean more = rows.size() > limit;
        return new Page<>(more ? rows.subList(0, limit) : rows, offset, limit, more);
    }

    /**
     * The statement of a page of an account's outbox, as {@link KeysetSql} writes it: by {@code created_at}, then id,
     * newest first or (to read back from a position) oldest first, off V35's
     * {@code notification_outbox_by_account_created_at} in order; a state is a condition on the range.
     */
    public static KeysetSql.Statement listing(String accountId, OutboxMessage.State state,
                                              OutboxMessage.Position after, boolean newestFirst, int offset,
                                              int limit, boolean postgres) {
        Map<String, Object> bindings = new HashMap<>();
        bindings.put("account", accountId);
        String where = "account_id = :account";
        if (state != null) {
            where += " AND state = :state";
            bindings.put("state", state.wire());
        }
        KeysetSql.Position position = after == null ? null
                : new KeysetSql.Position(Sql.time(after.createdAt()), after.id());
        return KeysetSql.of(new KeysetSql.Listing("notification_outbox", COLUMNS, where, bindings,
                List.of("account_id"), "created_at", false, newestFirst, offset, limit), position,
                postgres ? null : "notification_outbox_by_account_created_at");
    }
}
