package dev.latchkey.store;

/** The store contract against core's in-memory fakes: what the service tests rely on, proven. */
class InMemoryStoreTest extends StoreContract {
    @Override
    StoresUnderTest open() {
        return StoresUnderTest.inMemory();
    }
}
