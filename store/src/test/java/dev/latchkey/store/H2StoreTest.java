package dev.latchkey.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class H2StoreTest extends DatabaseStoreContract {
    @TempDir
    Path dir;

    @Override
    Database openDatabase() {
        return Database.open(Database.h2Url(dir), null, null, 4);
    }
}
