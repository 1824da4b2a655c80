package dev.latchkey.app;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
    static final String VARIABLE = "LATCHKEY_MASTER_KEY";

    private MasterKey() {
    }

    /** A master key that is not base64 of 32 bytes, or a key file that cannot be read; one sentence. */
    static final class Unusable extends RuntimeException {
        Unusable(String sentence) {
            super(sentence);
        }
    }

    static byte[] load(String configured, Path dataDir, SecureRandom random) throws IOException {
        byte[] key = read(configured, dataDir);
        if (key != null) {
            return key;
        }
        key = new byte[32];
        random.nextBytes(key);
        Path file = dataDir.resolve(FILE);
        Files.writeString(file, encode(key), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        SecureFiles.restrictToOwner(file);
        return key;
    }

    /** The key {@link #load} would use, or null when there is none yet (it would make one). */
    static byte[] read(String configured, Path dataDir) throws IOException {
        if (configured != null && !configured.isBlank()) {
            return decode(configured.strip(), VARIABLE);
        }
        Path file = dataDir.resolve(FILE);
        return Files.exists(file) ? readFile(file) : null;
    }

    /** A key file: base64 of 32 bytes on its first line. */
    static byte[] readFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new Unusable("The master key file " + file + " does not exist.");
        }
        return decode(Files.readString(file).strip(), file.toString());
    }

    /** Where {@link #load} takes the key from, for a sentence: the variable, or the file. */
    static String source(String configured, Path dataDir) {
        return configured != null && !configured.isBlank() ? VARIABLE : dataDir.resolve(FILE).toString();
    }

    /** What {@code serve} says when the key does not open the database's sealed values. */
    static String doesNotOpen(String configured, Path dataDir) {
        return "The master key from " + source(configured, dataDir) + " does not open the secrets stored in this "
                + "database: it is not the key they were sealed with (if a master-key-rotate was interrupted, run it "
                + "again with the same --new-key-file).";
    }

    /** Makes a new key and writes it to {@code file}, which must not exist (mode 0600 from its creation). */
    static byte[] generate(Path file, SecureRandom random) throws IOException {
        byte[] key = new byte[32];
        random.nextBytes(key);
        try {
            SecureFiles.createOwnerOnly(file);
        } catch (FileAlreadyExistsException e) {
            throw new Unusable("The file " + file + " already exists; --generate writes a new key to a new file only.");
        }
        Files.writeString(file, encode(key), StandardOpenOption.TRUNCATE_EXISTING);
        return key;
    }

    /**
     * Replaces {@code DATA-DIR/master.key} with {@code key}: written whole to {@code master.key.next} first, then
     * renamed over it, so that the file holds the old key or the new one, never a part of either.
     */
    static void replace(Path dataDir, byte[] key) throws IOException {
        Path next = dataDir.resolve(FILE + ".next");
        Files.deleteIfExists(next);
        SecureFiles.createOwnerOnly(next);
        Files.writeString(next, encode(key), StandardOpenOption.TRUNCATE_EXISTING);
        SecureFiles.moveIntoPlace(next, dataDir.resolve(FILE));
    }

    private static String encode(byte[] key) {
        return Base64.getEncoder().encodeToString(key) + "\n";
    }

    private static byte[] decode(String text, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new Unusable("The master key in " + source + " is not base64.");
        }
        if (key.length != 32) {
            throw new Unusable("The master key in " + source + " must be 32 bytes, not " + key.length + ".");
        }
        return key;
    }

    /** Owner-only permissions where the file system has POSIX permissions, and writes that land whole. */
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

        /** Creates an empty file, mode 0600 from its creation on POSIX; {@link FileAlreadyExistsException} if there. */
        static void createOwnerOnly(Path file) throws IOException {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            restrictToOwner(file);
        }

        /**
         * Makes {@code written} durable, renames it to {@code target} in one step (replacing it), and makes the rename
         * durable: after a crash {@code target} is the old file or the new one.
         */
        static void moveIntoPlace(Path written, Path target) throws IOException {
            try (FileChannel channel = FileChannel.open(written, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(written, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel directory = FileChannel.open(target.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
                directory.force(true);
            } catch (IOException | UnsupportedOperationException e) {
                // a directory cannot be opened for syncing on every platform (Windows); the rename itself is done
            }
        }
    }
}
