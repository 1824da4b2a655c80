package dev.latchkey.store.maintenance;

import dev.latchkey.store.Database;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class H2MaintenanceTest extends MaintenanceContract {
    @TempDir
    Path dir;

    @Override
    Database openDatabase() {
        return Database.open(Database.h2Url(dir), null, null, 4);
    }
}
