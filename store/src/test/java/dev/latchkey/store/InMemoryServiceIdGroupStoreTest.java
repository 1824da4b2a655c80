package dev.latchkey.store;

import dev.latchkey.core.InMemoryStores;

/** The service ID group store contract against core's in-memory fakes. */
class InMemoryServiceIdGroupStoreTest extends ServiceIdGroupStoreContract {
    @Override
    Opened open() {
        InMemoryStores s = new InMemoryStores();
        return new Opened(StoresUnderTest.inMemory(s), s.serviceIdGroups);
    }
}
