package dev.latchkey.core.notification;

import dev.latchkey.core.common.InMemoryQueries;
import dev.latchkey.core.common.InMemoryTransactor;
import dev.latchkey.core.common.Page;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An {@link OutboxStore} in memory with the same lease rules as the JDBC store, for service tests. */
public final class InMemoryOutbox implements OutboxStore, InMemoryTransactor.Participant {
    private record Row(OutboxMessage message, String token, Instant claimedUntil) {
    }

    private Map<String, Row> rows = new LinkedHashMap<>();

    @Override
    public synchronized void insert(OutboxMessage message) {
        if (rows.putIfAbsent(message.id(), new Row(message, null, null)) != null) {
            throw new IllegalStateException("duplicate id " + message.id());
        }
    }

    @Override
    public synchronized Optional<OutboxMessage> find(String id) {
        return Optional.ofNullable(rows.get(id)).map(Row::message);
    }

    public synchronized List<OutboxMessage> all() {
        return rows.values().stream().map(Row::message).toList();
    }

    @Override
    public synchronized List<OutboxMessage> claimDue(String claimToken, Instant now, Instant leaseUntil, int limit) {
        List<OutboxMessage> due = rows.values().stream()
                .filter(r -> r.message().state() == OutboxMessage.State.PENDING
                        && !r.message().nextAttemptAt().isAfter(now)
                        && (r.claimedUntil() == null || !r.claimedUntil().isAfter(now)))
                .map(Row::message)
                .sorted(Comparator.comparing(OutboxMessage::nextAttemptAt).thenComparing(OutboxMessage::id))
                .limit(limit).toList();
        due.forEach(m -> rows.put(m.id(), new Row(m, claimToken, leaseUntil)));
        return due;
    }

    @Override
    public synchronized boolean markDelivered(String id, String claimToken, Instant at) {
        return change(id, claimToken, m -> with(m, OutboxMessage.State.DELIVERED, m.attempts() + 1, m.nextAttemptAt(),
                m.lastError(), at));
    }

    @Override
    public synchronized boolean scheduleRetry(String id, String claimToken, String error, Instant nextAttemptAt,
                                              boolean countAttempt) {
        return change(id, claimToken, m -> with(m, OutboxMessage.State.PENDING, m.attempts() + (countAttempt ? 1 : 0),
                nextAttemptAt, error, null));
    }

    @Override
    public synchronized boolean markFailed(String id, String claimToken, String error, Instant at) {
        return change(id, claimToken, m -> with(m, OutboxMessage.State.FAILED, m.attempts() + 1, m.nextAttemptAt(),
                error == null ? m.lastError() : error, at));
    }

    @Override
    public synchronized int releaseDeferred(OutboxMessage.Channel channel, Instant now) {
        List<Row> waiting = rows.values().stream().filter(r -> r.message().state() == OutboxMessage.State.PENDING
                && r.message().channel() == channel && r.message().attempts() == 0
                && r.message().nextAttemptAt().isAfter(now)).toList();
        waiting.forEach(r -> rows.put(r.message().id(), new Row(with(r.message(), OutboxMessage.State.PENDING, 0, now,
                r.message().lastError(), null), r.token(), r.claimedUntil())));
        return waiting.size();
    }

    @Override
    public synchronized int pruneFinished(Instant before) {
        List<String> old = rows.values().stream().map(Row::message)
                .filter(m -> m.state() != OutboxMessage.State.PENDING && m.finishedAt().isBefore(before))
                .map(OutboxMessage::id).toList();
        old.forEach(rows::remove);
        return old.size();
    }

    @Override
    public synchronized long pending(OutboxMessage.Channel channel) {
        return rows.values().stream().map(Row::message)
                .filter(m -> m.state() == OutboxMessage.State.PENDING && m.channel() == channel).count();
    }

    @Override
    public synchronized Page<OutboxMessage> list(String accountId, OutboxMessage.State state,
                                                 OutboxMessage.Position after, boolean newestFirst, int offset,
                                                 int limit) {
        Comparator<OutboxMessage.Position> oldestFirst = Comparator.comparing(OutboxMessage.Position::createdAt)
                .thenComparing(OutboxMessage.Position::id);
        Comparator<OutboxMessage.Position> order = newestFirst ? oldestFirst.reversed() : oldestFirst;
        return InMemoryQueries.page(rows.values().stream().map(Row::message)
                .filter(m -> m.accountId().equals(accountId) && (state == null || m.state() == state)
                        && (after == null || order.compare(m.position(), after) > 0))
                .sorted(Comparator.comparing(OutboxMessage::position, order)).toList(), after == null ? offset : 0,
                limit, offset);
    }

    @Override
    public synchronized Object snapshot() {
        return new LinkedHashMap<>(rows);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        rows = new LinkedHashMap<>((Map<String, Row>) snapshot);
    }

    private boolean change(String id, String token, java.util.function.UnaryOperator<OutboxMessage> update) {
        Row row = rows.get(id);
        if (row == null || !token.equals(row.token()) || row.message().state() != OutboxMessage.State.PENDING) {
            return false;
        }
        rows.put(id, new Row(update.apply(row.message()), null, null));
        return true;
    }

    private static OutboxMessage with(OutboxMessage m, OutboxMessage.State state, int attempts, Instant next,
                                      String error, Instant finished) {
        return new OutboxMessage(m.id(), m.eventId(), m.accountId(), m.type(), m.subjectId(), m.channel(), m.recipient(),
                m.endpointId(), m.subject(), m.body(), state, attempts, next, error, m.createdAt(), finished);
    }
}
