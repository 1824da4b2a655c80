package dev.latchkey.store;

import dev.latchkey.store.serviceid.JdbcServiceIdGroupStore;

class PostgresServiceIdGroupStoreTest extends ServiceIdGroupStoreContract {
    @Override
    Opened open() {
        Database db = Database.open(Postgres.freshSchemaUrl(), Postgres.USER, null, 4);
        return new Opened(StoresUnderTest.jdbc(db), new JdbcServiceIdGroupStore(db.jdbi()));
    }
}
