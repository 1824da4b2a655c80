package dev.latchkey.store;

class PostgresStoreTest extends DatabaseStoreContract {
    @Override
    Database openDatabase() {
        return Database.open(Postgres.freshSchemaUrl(), Postgres.USER, null, 4);
    }
}
