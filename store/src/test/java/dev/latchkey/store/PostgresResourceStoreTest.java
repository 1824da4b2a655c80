package dev.latchkey.store;

class PostgresResourceStoreTest extends ResourceStoreContract {
    @Override
    Database open() {
        return Database.open(Postgres.freshSchemaUrl(), Postgres.USER, null, 4);
    }
}
