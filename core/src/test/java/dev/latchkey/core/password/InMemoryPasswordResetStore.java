package dev.latchkey.core.password;

import dev.latchkey.core.common.InMemoryTransactor;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A {@link PasswordResetStore} in memory: token hashes are unique, as the table's primary key makes them. */
public final class InMemoryPasswordResetStore implements PasswordResetStore, InMemoryTransactor.Participant {
    private Map<String, PasswordReset> resets = new LinkedHashMap<>();

    @Override
    public synchronized void insert(PasswordReset reset) {
        if (resets.putIfAbsent(reset.tokenHash(), reset) != null) {
            throw new IllegalStateException("duplicate password reset");
        }
    }

    @Override
    public synchronized Optional<PasswordReset> find(String tokenHash) {
        return Optional.ofNullable(resets.get(tokenHash));
    }

    @Override
    public synchronized boolean delete(String tokenHash) {
        return resets.remove(tokenHash) != null;
    }

    @Override
    public synchronized int deleteAllOf(String iamId) {
        int before = resets.size();
        resets.values().removeIf(r -> r.iamId().equals(iamId));
        return before - resets.size();
    }

    @Override
    public synchronized int deleteExpired(Instant now) {
        int before = resets.size();
        resets.values().removeIf(r -> r.expiresAt().isBefore(now));
        return before - resets.size();
    }

    @Override
    public synchronized Object snapshot() {
        return new LinkedHashMap<>(resets);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        resets = new LinkedHashMap<>((Map<String, PasswordReset>) snapshot);
    }
}
