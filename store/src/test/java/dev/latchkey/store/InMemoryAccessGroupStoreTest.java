package dev.latchkey.store;

/** The access group store contract against core's in-memory fakes. */
class InMemoryAccessGroupStoreTest extends AccessGroupStoreContract {
    @Override
    StoresUnderTest open() {
        return StoresUnderTest.inMemory();
    }
}
