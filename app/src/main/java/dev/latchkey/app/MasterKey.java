package dev.latchkey.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The 256-bit master key that seals secrets at rest: from {@code LATCHKEY_MASTER_KEY} (base64) when set, else
 * from {@code master.key} in the data directory, created with mode 0600 on first start. Every node of one
 * database must use the same key.
 */
final class MasterKey {
    static final String FILE = "master.key";

    private MasterKey() {
    }

    static byte[] load(String configured, Path dataDir, SecureRandom random) throws IOException {
        if (configured != null && !configured.isBlank()) {
            return decode(configured.strip(), "LATCHKEY_MASTER_KEY");
        }
        Path file = dataDir.resolve(FILE);
        if (Files.exists(file)) {
            return decode(Files.readString(file).strip(), file.toString());
        }
        byte[] key = new byte[32];
        random.nextBytes(key);
        Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        SecureFiles.restrictToOwner(file);
        return key;
    }

    private static byte[] decode(String text, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the master key in " + source + " is not base64");
        }
        if (key.length != 32) {
            throw new IllegalStateException("the master key in " + source + " must be 32 bytes, not " + key.length);
        }
        return key;
    }

    /** Owner-only permissions where the file system has POSIX permissions. */
    static final class SecureFiles {
        private SecureFiles() {
        }

        static void restrictToOwner(Path path) throws IOException {
            try {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                        Files.isDirectory(path) ? "rwx------" : "rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system (Windows): the directory's ACLs apply
            }
        }
    }
}
