package dev.latchkey.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class H2CustomRoleStoreTest extends CustomRoleStoreContract {
    @TempDir
    Path dir;

    @Override
    StoresUnderTest open() {
        return StoresUnderTest.jdbc(Database.open(Database.h2Url(dir), null, null, 4));
    }
}
