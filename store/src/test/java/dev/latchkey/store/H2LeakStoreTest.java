package dev.latchkey.store;

import dev.latchkey.core.leak.LeakStore;
import dev.latchkey.store.leak.JdbcLeakStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class H2LeakStoreTest extends LeakStoreContract {
    @TempDir
    Path dir;
    Database db;

    @Override
    LeakStore open() {
        db = Database.open(Database.h2Url(dir), null, null, 4);
        return new JdbcLeakStore(db.jdbi());
    }

    @Override
    AutoCloseable closer() {
        return db;
    }
}
