package dev.latchkey.store;

class PostgresResourceStoreTest extends ResourceStoreContract {
    @Override
    StoresUnderTest open() {
        return StoresUnderTest.jdbc(Database.open(Postgres.freshSchemaUrl(), Postgres.USER, null, 4));
    }
}
