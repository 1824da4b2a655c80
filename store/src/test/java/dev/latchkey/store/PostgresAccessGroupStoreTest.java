package dev.latchkey.store;

class PostgresAccessGroupStoreTest extends AccessGroupStoreContract {
    @Override
    StoresUnderTest open() {
        return StoresUnderTest.jdbc(Database.open(Postgres.freshSchemaUrl(), Postgres.USER, null, 4));
    }
}
