package dev.latchkey.core.token;

import dev.latchkey.core.common.InMemoryTransactor;
import java.time.Instant;
import java.util.List;

/**
 * A {@link SigningKeyStore} in memory with the JDBC store's rules ({@link SigningKeyStore#inMemory()}): kids are
 * unique, one key per predecessor, all keys come oldest first; and rolled back with its transaction.
 */
public final class InMemorySigningKeyStore implements SigningKeyStore, InMemoryTransactor.Participant {
    private SigningKeyStore keys = SigningKeyStore.inMemory();

    @Override
    public synchronized List<StoredSigningKey> all() {
        return keys.all();
    }

    @Override
    public synchronized boolean insert(StoredSigningKey key) {
        return keys.insert(key);
    }

    @Override
    public synchronized boolean retire(String kid, Instant at) {
        return keys.retire(kid, at);
    }

    @Override
    public synchronized Object snapshot() {
        return keys.all();
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized void restore(Object snapshot) {
        keys = SigningKeyStore.inMemory();
        ((List<StoredSigningKey>) snapshot).forEach(keys::insert);
    }
}
