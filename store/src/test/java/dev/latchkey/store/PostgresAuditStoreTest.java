package dev.latchkey.store;

import dev.latchkey.core.audit.AuditStore;
import dev.latchkey.store.audit.JdbcAuditStore;

class PostgresAuditStoreTest extends AuditStoreContract {
    @Override
    AuditStore open() {
        Database db = Database.open(Postgres.freshSchemaUrl(), Postgres.USER, null, 8);
        tx = db;
        closer = db;
        return new JdbcAuditStore(db.jdbi());
    }
}
