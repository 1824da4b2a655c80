package dev.latchkey.app;

import dev.latchkey.core.apikey.CreatedApiKey;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The first-start admin API key, written once with mode 0600: to {@code <data-dir>/admin-apikey.txt}, or to the
 * file {@code LATCHKEY_BOOTSTRAP_ADMIN_APIKEY_FILE} names (parent directories made, an existing file never
 * overwritten).
 */
final class AdminKeyFile {
    static final String FILE = "admin-apikey.txt";

    private AdminKeyFile() {
    }

    /** The named file exists already: first start refuses to overwrite it, and the database stays empty. */
    static final class Exists extends RuntimeException {
        Exists(Path file) {
            super("The bootstrap admin key file " + file + " already exists and is not overwritten; remove it or "
                    + "name another with LATCHKEY_BOOTSTRAP_ADMIN_APIKEY_FILE.");
        }
    }

    static void write(Path dataDir, CreatedApiKey created) throws IOException {
        Path file = dataDir.resolve(FILE);
        Files.deleteIfExists(file);
        Files.writeString(file, "", StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        MasterKey.SecureFiles.restrictToOwner(file);
        Files.writeString(file, created.value().reveal() + "\n", StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Creates {@code file} (0600 from its creation on POSIX) holding the key; {@link Exists} if it is there. */
    static void writeNew(Path file, CreatedApiKey created) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            throw new Exists(file);
        }
        MasterKey.SecureFiles.restrictToOwner(file);
        Files.writeString(file, created.value().reveal() + "\n", StandardOpenOption.TRUNCATE_EXISTING);
    }
}
