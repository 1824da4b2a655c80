package dev.latchkey.core.token;

import java.util.List;

/** Persistence port for token-signing keys. Implementations are thread-safe. */
public interface SigningKeyStore {
    List<StoredSigningKey> all();

    void insert(StoredSigningKey key);
}
