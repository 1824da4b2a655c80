package dev.latchkey.store;

import dev.latchkey.core.audit.AuditStore;
import dev.latchkey.store.audit.JdbcAuditStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class H2AuditStoreTest extends AuditStoreContract {
    @TempDir
    Path dir;

    @Override
    AuditStore open() {
        Database db = Database.open(Database.h2Url(dir), null, null, 8);
        tx = db;
        closer = db;
        return new JdbcAuditStore(db.jdbi());
    }
}
