package dev.latchkey.core.apikey;

import dev.latchkey.core.common.InMemoryTransactor;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An {@link InactivityNoticeStore} in memory over an {@link InMemoryApiKeyStore}, with the JDBC store's rules: a
 * warning is unique per (key, last use) and needs a stored key; deleting a key deletes its warnings.
 */
public final class InMemoryInactivityNoticeStore implements InactivityNoticeStore, InMemoryTransactor.Participant {
    private record Notice(String keyId, Instant lastUsedAt) {
    }

    private final InMemoryApiKeyStore keys;
    private Map<Notice, Instant> sent = new LinkedHashMap<>();

    public InMemoryInactivityNoticeStore(InMemoryApiKeyStore keys) {
        this.keys = keys;
        keys.onDelete(this::forget);
    }

    private synchronized void forget(String keyId) {
        sent.keySet().removeIf(n -> n.keyId().equals(keyId));
    }

    @Override
    public synchronized Optional<Instant> warnedAt(String keyId, Instant lastUsedAt) {
        return Optional.ofNullable(sent.get(new Notice(keyId, lastUsedAt)));
    }

    @Override
    public boolean recordWarning(String keyId, Instant lastUsedAt, Instant at) {
        if (keys.find(keyId).isEmpty()) {
            throw new IllegalStateException("no API key " + keyId + " to record a warning for");
        }
        synchronized (this) {
            return sent.putIfAbsent(new Notice(keyId, lastUsedAt), at) == null;
        }
    }

    @Override
    public synchronized Object snapshot() {
        return new LinkedHashMap<>(sent);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        sent = new LinkedHashMap<>((Map<Notice, Instant>) snapshot);
    }
}
