package dev.latchkey.store;

class InMemoryCustomRoleStoreTest extends CustomRoleStoreContract {
    @Override
    StoresUnderTest open() {
        return StoresUnderTest.inMemory();
    }
}
