package dev.latchkey.core.token;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Persistence port for token-signing keys. Implementations are thread-safe. */
public interface SigningKeyStore {
    List<StoredSigningKey> all();

    void insert(StoredSigningKey key);

    /** Keys kept in memory only, for a ring that need not outlive the process ({@link SigningKeyRing#inMemory}). */
    static SigningKeyStore inMemory() {
        List<StoredSigningKey> keys = new CopyOnWriteArrayList<>();
        return new SigningKeyStore() {
            @Override
            public List<StoredSigningKey> all() {
                return List.copyOf(keys);
            }

            @Override
            public void insert(StoredSigningKey key) {
                keys.add(key);
            }
        };
    }
}
