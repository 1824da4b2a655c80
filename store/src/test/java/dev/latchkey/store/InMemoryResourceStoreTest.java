package dev.latchkey.store;

/** The resource store contract against core's in-memory fakes. */
class InMemoryResourceStoreTest extends ResourceStoreContract {
    @Override
    StoresUnderTest open() {
        return StoresUnderTest.inMemory();
    }
}
