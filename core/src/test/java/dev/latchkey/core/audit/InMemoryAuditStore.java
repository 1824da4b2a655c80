package dev.latchkey.core.audit;

import dev.latchkey.core.common.InMemoryTransactor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/** An {@link AuditStore} in memory: each account's events in seq order and its head, as the tables keep them. */
public final class InMemoryAuditStore implements AuditStore, InMemoryTransactor.Participant {
    private record State(Map<String, ChainHead> heads, Map<String, TreeMap<Long, AuditEvent>> events) {
    }

    private Map<String, ChainHead> heads = new TreeMap<>();
    private Map<String, TreeMap<Long, AuditEvent>> events = new TreeMap<>();

    @Override
    public synchronized AuditEvent append(AuditEvent unchained) {
        ChainHead head = heads.getOrDefault(unchained.accountId(), ChainHead.empty(unchained.accountId()));
        AuditEvent event = unchained.chained(head.lastSeq() + 1, head.lastHash());
        events.computeIfAbsent(event.accountId(), a -> new TreeMap<>()).put(event.seq(), event);
        heads.put(event.accountId(), new ChainHead(event.accountId(), head.firstSeq(), head.firstPreviousHash(),
                event.seq(), event.hash()));
        return event;
    }

    @Override
    public synchronized Optional<ChainHead> head(String accountId) {
        return Optional.ofNullable(heads.get(accountId));
    }

    @Override
    public synchronized AuditPage list(AuditQuery q) {
        List<AuditEvent> matching = new ArrayList<>();
        for (AuditEvent e : events.getOrDefault(q.accountId(), new TreeMap<>()).descendingMap().values()) {
            if ((q.before() == null || e.seq() < q.before())
                    && (q.from() == null || !e.time().isBefore(q.from()))
                    && (q.to() == null || e.time().isBefore(q.to()))
                    && (q.actor() == null || q.actor().equals(e.actor()))
                    && (q.action() == null || q.action().equals(e.action()))
                    && (q.targetId() == null || q.targetId().equals(e.target().id()))) {
                matching.add(e);
                if (matching.size() > q.limit()) {
                    List<AuditEvent> page = matching.subList(0, q.limit());
                    return new AuditPage(page, page.get(page.size() - 1).seq());
                }
            }
        }
        return new AuditPage(matching, null);
    }

    @Override
    public void forEach(String accountId, Consumer<AuditEvent> each) {
        List<AuditEvent> all;
        synchronized (this) {
            all = List.copyOf(events.getOrDefault(accountId, new TreeMap<>()).values());
        }
        all.forEach(each);
    }

    @Override
    public synchronized List<String> accounts() {
        return List.copyOf(heads.keySet());
    }

    @Override
    public synchronized int trimBefore(String accountId, Instant cutoff) {
        ChainHead head = heads.get(accountId);
        TreeMap<Long, AuditEvent> of = events.get(accountId);
        if (head == null || of == null) {
            return 0;
        }
        long keepFrom = of.values().stream().filter(e -> !e.time().isBefore(cutoff)).mapToLong(AuditEvent::seq)
                .min().orElse(head.lastSeq() + 1);
        if (keepFrom <= head.firstSeq()) {
            return 0;
        }
        String previous = Optional.ofNullable(of.get(keepFrom - 1)).map(AuditEvent::hash)
                .orElse(head.firstPreviousHash());
        int before = of.size();
        of.headMap(keepFrom).clear();
        heads.put(accountId, new ChainHead(accountId, keepFrom, previous, head.lastSeq(), head.lastHash()));
        return before - of.size();
    }

    /** Replaces a stored event as someone with write access to the database could (tamper tests). */
    public synchronized void overwrite(AuditEvent event) {
        Objects.requireNonNull(events.get(event.accountId())).put(event.seq(), event);
    }

    /** Deletes a stored event as someone with write access to the database could (tamper tests). */
    public synchronized void remove(String accountId, long seq) {
        Objects.requireNonNull(events.get(accountId)).remove(seq);
    }

    @Override
    public synchronized Object snapshot() {
        Map<String, TreeMap<Long, AuditEvent>> copy = new TreeMap<>();
        events.forEach((account, of) -> copy.put(account, new TreeMap<>(of)));
        return new State(new TreeMap<>(heads), copy);
    }

    @Override
    public synchronized void restore(Object snapshot) {
        State state = (State) snapshot;
        heads = new TreeMap<>(state.heads());
        events = new TreeMap<>();
        state.events().forEach((account, of) -> events.put(account, new TreeMap<>(of)));
    }
}
