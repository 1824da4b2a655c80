package dev.latchkey.core.notification;

import dev.latchkey.core.apikey.ApiKey;
import dev.latchkey.core.apikey.InMemoryApiKeyStore;
import dev.latchkey.core.common.InMemoryTransactor;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An {@link ExpiryNoticeStore} in memory over an {@link InMemoryApiKeyStore}, with the JDBC store's rules: a
 * notice is unique per (key, kind, expiry) and needs a stored key; deleting a key deletes its notices; keys come
 * soonest expiry first.
 */
public final class InMemoryExpiryNoticeStore implements ExpiryNoticeStore, InMemoryTransactor.Participant {
    private record Notice(String keyId, KeyEvent.Kind kind, Instant expiresAt) {
    }

    private final InMemoryApiKeyStore keys;
    private Set<Notice> notices = new LinkedHashSet<>();

    public InMemoryExpiryNoticeStore(InMemoryApiKeyStore keys) {
        this.keys = keys;
        keys.onDelete(this::forget);
    }

    private synchronized void forget(String keyId) {
        notices.removeIf(n -> n.keyId().equals(keyId));
    }

    @Override
    public List<ExpiringKey> withoutNotice(KeyEvent.Kind kind, Instant from, Instant to, int limit) {
        List<ApiKey> all = keys.all();
        synchronized (this) {
            return all.stream()
                    .filter(k -> k.expiresAt() != null && k.expiresAt().isAfter(from) && !k.expiresAt().isAfter(to))
                    .filter(k -> !notices.contains(new Notice(k.id(), kind, k.expiresAt())))
                    .sorted(Comparator.comparing(ApiKey::expiresAt).thenComparing(ApiKey::id))
                    .limit(limit)
                    .map(k -> new ExpiringKey(k.id(), k.accountId(), k.iamId(), k.name(), k.displayPrefix(),
                            k.expiresAt()))
                    .toList();
        }
    }

    @Override
    public boolean record(String keyId, KeyEvent.Kind kind, Instant expiresAt, Instant at) {
        if (keys.find(keyId).isEmpty()) {
            throw new IllegalStateException("no API key " + keyId + " to record a notice for");
        }
        synchronized (this) {
            return notices.add(new Notice(keyId, kind, expiresAt));
        }
    }

    @Override
    public synchronized Object snapshot() {
        return new LinkedHashSet<>(notices);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        notices = new LinkedHashSet<>((Set<Notice>) snapshot);
    }
}
