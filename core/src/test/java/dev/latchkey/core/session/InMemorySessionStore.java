package dev.latchkey.core.session;

import dev.latchkey.core.common.InMemoryTransactor;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A {@link SessionStore} in memory: session ids (hashes) are unique, as the table's primary key makes them. */
public final class InMemorySessionStore implements SessionStore, InMemoryTransactor.Participant {
    private Map<String, ConsoleSession> sessions = new LinkedHashMap<>();

    @Override
    public synchronized void insert(ConsoleSession session) {
        if (sessions.putIfAbsent(session.idHash(), session) != null) {
            throw new IllegalStateException("duplicate session");
        }
    }

    @Override
    public synchronized Optional<ConsoleSession> find(String idHash) {
        return Optional.ofNullable(sessions.get(idHash));
    }

    @Override
    public synchronized boolean delete(String idHash) {
        return sessions.remove(idHash) != null;
    }

    @Override
    public synchronized int deleteAllOf(String iamId) {
        int before = sessions.size();
        sessions.values().removeIf(s -> s.iamId().equals(iamId));
        return before - sessions.size();
    }

    @Override
    public synchronized int deleteExpired(Instant now) {
        int before = sessions.size();
        sessions.values().removeIf(s -> s.expiresAt().isBefore(now));
        return before - sessions.size();
    }

    @Override
    public synchronized Object snapshot() {
        return new LinkedHashMap<>(sessions);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        sessions = new LinkedHashMap<>((Map<String, ConsoleSession>) snapshot);
    }
}
