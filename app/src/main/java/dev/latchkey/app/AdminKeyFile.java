package dev.latchkey.app;

import dev.latchkey.core.apikey.CreatedApiKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The first-start admin API key, written once to {@code <data-dir>/admin-apikey.txt} with mode 0600. */
final class AdminKeyFile {
    static final String FILE = "admin-apikey.txt";

    private AdminKeyFile() {
    }

    static void write(Path dataDir, CreatedApiKey created) throws IOException {
        Path file = dataDir.resolve(FILE);
        Files.deleteIfExists(file);
        Files.writeString(file, "", StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        MasterKey.SecureFiles.restrictToOwner(file);
        Files.writeString(file, created.value().reveal() + "\n", StandardOpenOption.TRUNCATE_EXISTING);
    }
}
