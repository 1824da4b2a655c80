package dev.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.app.support.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** First start on an empty database makes the admin key once; a restart on the same data makes nothing. */
class FirstStartTest {
    @Test
    void theAdminKeyIsMadeOnceWrittenOwnerOnlyAndNotMadeAgainOnRestart() throws Exception {
        ServerConfig config = TestServer.config(false);
        Path file = config.dataDir().resolve(AdminKeyFile.FILE);
        String first;
        try (TestServer server = TestServer.start(config)) {
            first = server.adminKey;
            assertThat(first).startsWith("lk_");
            assertThat(Files.readString(file).strip()).isEqualTo(first);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config.dataDir().resolve(MasterKey.FILE))))
                    .isEqualTo("rw-------");
            assertThat(server.get("/health", null).status()).isEqualTo(200);
            assertThat(config.dataDir().resolve("latchkey.trace.db")).as("H2 logged no error while the empty database "
                    + "was opened and migrated").doesNotExist();
        }
        try (TestServer again = TestServer.start(config)) {
            assertThat(again.adminKey).as("no second admin key").isNull();
            assertThat(Files.readString(file).strip()).as("the file is left as it was").isEqualTo(first);
            assertThat(again.token(first)).as("the first key still works after the restart").isNotBlank();
        }
    }
}
