package dev.latchkey.core.token;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Persistence port for token-signing keys. Rows are never deleted, so a kid is never used twice. Thread-safe. */
public interface SigningKeyStore {
    /** Every key, retired ones included, oldest first (by creation time, then kid). */
    List<StoredSigningKey> all();

    /**
     * Adds a key unless its kid is taken or another key already succeeds the same key: of two nodes rotating at
     * once, one key results. False, and nothing written, when the key lost that race.
     */
    boolean insert(StoredSigningKey key);

    /** Marks a key retired at {@code at} and erases its sealed private key; false if unknown or retired already. */
    boolean retire(String kid, Instant at);

    /** Keys kept in memory only, for a ring that need not outlive the process ({@link SigningKeyRing#inMemory}). */
    static SigningKeyStore inMemory() {
        List<StoredSigningKey> keys = new ArrayList<>();
        return new SigningKeyStore() {
            @Override
            public synchronized List<StoredSigningKey> all() {
                return keys.stream().sorted(OLDEST_FIRST).toList();
            }

            @Override
            public synchronized boolean insert(StoredSigningKey key) {
                return keys.stream().noneMatch(k -> k.kid().equals(key.kid()) || k.succeeds().equals(key.succeeds()))
                        && keys.add(key);
            }

            @Override
            public synchronized boolean retire(String kid, Instant at) {
                for (int i = 0; i < keys.size(); i++) {
                    StoredSigningKey k = keys.get(i);
                    if (k.kid().equals(kid) && k.retiredAt() == null) {
                        keys.set(i, new StoredSigningKey(k.kid(), k.algorithm(), k.publicKey(), null, k.createdAt(),
                                k.activatesAt(), at, k.succeeds()));
                        return true;
                    }
                }
                return false;
            }
        };
    }

    /** The order of {@link #all()}. */
    Comparator<StoredSigningKey> OLDEST_FIRST = Comparator.comparing(StoredSigningKey::createdAt)
            .thenComparing(StoredSigningKey::kid);
}
