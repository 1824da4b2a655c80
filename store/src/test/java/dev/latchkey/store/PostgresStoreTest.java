package dev.latchkey.store;

class PostgresStoreTest extends StoreContract {
    @Override
    Database open() {
        return Database.open(Postgres.freshSchemaUrl(), Postgres.USER, null, 4);
    }
}
