package dev.latchkey.core.token;

import dev.latchkey.core.common.InMemoryTransactor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A {@link SigningKeyStore} in memory with the JDBC store's rules: kids are unique; all keys come oldest first. */
public final class InMemorySigningKeyStore implements SigningKeyStore, InMemoryTransactor.Participant {
    private List<StoredSigningKey> keys = new ArrayList<>();

    @Override
    public synchronized List<StoredSigningKey> all() {
        return keys.stream().sorted(Comparator.comparing(StoredSigningKey::createdAt)).map(InMemorySigningKeyStore::copy)
                .toList();
    }

    @Override
    public synchronized void insert(StoredSigningKey key) {
        if (keys.stream().anyMatch(k -> k.kid().equals(key.kid()))) {
            throw new IllegalStateException("duplicate signing key " + key.kid());
        }
        keys.add(copy(key));
    }

    private static StoredSigningKey copy(StoredSigningKey k) {
        return new StoredSigningKey(k.kid(), k.algorithm(), k.publicKey().clone(), k.sealedPrivateKey().clone(),
                k.createdAt());
    }

    @Override
    public synchronized Object snapshot() {
        return List.copyOf(keys);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        keys = new ArrayList<>((List<StoredSigningKey>) snapshot);
    }
}
