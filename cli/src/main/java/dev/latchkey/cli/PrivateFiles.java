package dev.latchkey.cli;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/** Creates files and directories that only their owner can read, for profiles and saved API keys. */
public final class PrivateFiles {
    private PrivateFiles() {
    }

    /** Creates a new, empty 0600 file; fails with {@link java.nio.file.FileAlreadyExistsException} if it exists. */
    public static Path createNewFile(Path file) throws IOException {
        return Files.createFile(file, permissions("rw-------"));
    }

    /**
     * Claims {@code file} for a secret about to be made: a new, empty 0600 file, taken before the secret exists,
     * because finding the file taken afterwards would lose the only copy.
     *
     * @throws CliException when it exists (nothing is overwritten) or cannot be created
     */
    public static Path claim(Path file) {
        try {
            return createNewFile(file.toAbsolutePath());
        } catch (java.nio.file.FileAlreadyExistsException exists) {
            throw new CliException(file + " already exists; not overwriting it");
        } catch (IOException failure) {
            throw new CliException("cannot create " + file + ": " + failure.getMessage());
        }
    }

    /** Creates a 0600 temporary file in {@code directory}, next to the file it will replace. */
    public static Path createTempFile(Path directory, String prefix) throws IOException {
        return Files.createTempFile(directory, prefix, ".tmp", permissions("rw-------"));
    }

    /** Creates {@code directory} as 0700 unless it exists; its parents get default permissions. */
    public static void createDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        Path parent = directory.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.createDirectory(directory, permissions("rwx------"));
    }

    /** POSIX permissions as an attribute, or none on file systems without them (Windows uses ACLs). */
    private static FileAttribute<?>[] permissions(String posix) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(posix))};
    }
}
