package dev.latchkey.core.session;

import java.time.Instant;
import java.util.Optional;

/** Where console sessions live, shared by every node so that signing out on one ends the session on all. */
public interface SessionStore {
    void insert(ConsoleSession session);

    Optional<ConsoleSession> find(String idHash);

    /** @return whether there was such a session */
    boolean delete(String idHash);

    /** Deletes every session of {@code iamId} (all accounts); returns how many. */
    int deleteAllOf(String iamId);

    /** Deletes the sessions that ended before {@code now}; returns how many. */
    int deleteExpired(Instant now);
}
