package dev.latchkey.app;

import dev.latchkey.store.Database;
import dev.latchkey.store.maintenance.Refusal;
import dev.latchkey.store.maintenance.Snapshot;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code latchkey export --file F}: a consistent snapshot of every table into an {@link ExportFile}, written to a
 * temporary file beside F (mode 0600: it holds key hashes and sealed values) and renamed into place when complete.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a consistent snapshot of every table to a file (backups, moving to another database). "
                + "Key values are never in it: hashes and sealed values only, as stored.")
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--file", required = true, description = "The file to write (mode 0600); gzip-compressed when "
            + "its name ends in .gz.")
    Path file;

    @Option(names = "--force", description = "Replace the file if it exists.")
    boolean force;

    @Mixin
    DatabaseOptions database;

    @Override
    public Integer call() throws IOException {
        Path target = file.toAbsolutePath();
        if (Files.isDirectory(target)) {
            return fail(file + " is a directory.");
        }
        if (Files.exists(target) && !force) {
            return fail(file + " already exists; give --force to replace it.");
        }
        if (!Files.isDirectory(target.getParent())) {
            return fail("The directory " + target.getParent() + " does not exist.");
        }
        if (database.missing() != null) {
            return fail(database.missing());
        }
        Path partial = target.resolveSibling("." + target.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        MasterKey.SecureFiles.createOwnerOnly(partial);
        try (Database db = database.open(2)) {
            long rows;
            Snapshot.Contents contents;
            try (OutputStream out = output(partial)) {
                ExportFile.Writer writer = new ExportFile.Writer(out, BuildInfo.current().version(),
                        db.isPostgres() ? "PostgreSQL" : "H2");
                rows = Snapshot.read(db, writer);
                contents = writer.finish();
            }
            if (rows == 0) {
                return fail("The database has no rows (no server has started on it): is --data-dir or --db-url the "
                        + "right one? Nothing was written.");
            }
            MasterKey.SecureFiles.moveIntoPlace(partial, target);
            spec.commandLine().getOut().println("Exported " + rows + " rows of " + contents.counts().size()
                    + " tables (schema version " + contents.schema().version() + ") to " + file + ".");
            return 0;
        } catch (Database.Unreachable | Refusal e) {
            return fail(e.getMessage());
        } catch (IOException e) {
            return fail("Cannot write " + file + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ").");
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** Buffered, and gzip-compressed for a name ending in {@code .gz}. */
    private OutputStream output(Path partial) throws IOException {
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 65_536);
        return file.getFileName().toString().endsWith(".gz") ? new GZIPOutputStream(out, 65_536) : out;
    }

    private int fail(String sentence) {
        spec.commandLine().getErr().println("latchkey: " + sentence);
        return 1;
    }
}
