package dev.latchkey.store;

import dev.latchkey.core.leak.LeakStore;
import dev.latchkey.store.leak.JdbcLeakStore;

class PostgresLeakStoreTest extends LeakStoreContract {
    Database db;

    @Override
    LeakStore open() {
        db = Database.open(Postgres.freshSchemaUrl(), Postgres.USER, null, 4);
        return new JdbcLeakStore(db.jdbi());
    }

    @Override
    AutoCloseable closer() {
        return db;
    }
}
