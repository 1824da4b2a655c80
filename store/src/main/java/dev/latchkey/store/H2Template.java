package dev.latchkey.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Makes, at build time, the embedded database a first start begins from: an H2 file migrated by Flyway from this
 * build's scripts and nothing else (no rows but the schema history; the migrations insert none). {@link Database#open}
 * copies it into a data directory that has no database yet, so a first start skips Flyway (decision record 0041).
 * Run by the store module's build ({@code process-classes}) with the path of the resource to write.
 */
public final class H2Template {
    private H2Template() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: H2Template <file to write, e.g. target/classes/"
                    + Database.H2_TEMPLATE + ">");
        }
        Path target = Path.of(args[0]);
        Path scratch = Files.createTempDirectory("latchkey-h2-template");
        try {
            try (Database ignored = Database.open(Database.h2Url(scratch), null, null, 2)) {
                // opening migrates; closing the last connection compacts the file
            }
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.copy(Database.h2File(scratch), target, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            try (Stream<Path> files = Files.walk(scratch)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
