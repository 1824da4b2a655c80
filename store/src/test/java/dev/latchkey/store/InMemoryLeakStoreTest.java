package dev.latchkey.store;

import dev.latchkey.core.leak.InMemoryLeakStore;
import dev.latchkey.core.leak.LeakStore;

/** The leak store contract against core's in-memory fake. */
class InMemoryLeakStoreTest extends LeakStoreContract {
    @Override
    LeakStore open() {
        return new InMemoryLeakStore();
    }

    @Override
    AutoCloseable closer() {
        return () -> { };
    }
}
