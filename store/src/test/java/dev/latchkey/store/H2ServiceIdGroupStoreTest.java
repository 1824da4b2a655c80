package dev.latchkey.store;

import dev.latchkey.store.serviceid.JdbcServiceIdGroupStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class H2ServiceIdGroupStoreTest extends ServiceIdGroupStoreContract {
    @TempDir
    Path dir;

    @Override
    Opened open() {
        Database db = Database.open(Database.h2Url(dir), null, null, 4);
        return new Opened(StoresUnderTest.jdbc(db), new JdbcServiceIdGroupStore(db.jdbi()));
    }
}
