package dev.latchkey.app;

import dev.latchkey.store.Database;
import dev.latchkey.store.ExclusiveUse;
import dev.latchkey.store.maintenance.Refusal;
import dev.latchkey.store.maintenance.Restore;
import dev.latchkey.store.maintenance.Schema;
import dev.latchkey.store.maintenance.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code latchkey import --file F}: loads an {@link ExportFile} into an empty database of either kind, in one
 * transaction, after migrating it; the file's schema version must be the database's. Everything is checked (the
 * header, each row's columns and values, the row counts, the end line's digest) before the transaction commits, so a
 * refused file leaves the database as empty as it was.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Load a file written by export into an empty database (H2 or PostgreSQL), all or nothing. "
                + "Stop every server on the target first.")
final class ImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--file", required = true, description = "A file written by export (gzip-compressed or not).")
    Path file;

    @Mixin
    DatabaseOptions database;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(file)) {
            return fail(file + " does not exist or is not a file.");
        }
        try (ExportReader reader = new ExportReader(Files.newInputStream(file));
             Database db = database.open(2)) {
            ExportReader.Header header = reader.header();
            String refusal = versionProblem(header.schemaVersion(), db.schemaVersion(), header.latchkeyVersion());
            if (refusal != null) {
                return fail(file + " " + refusal + "; nothing was imported.");
            }
            Map<String, Long> loaded = Restore.into(db, loader -> load(reader, header, loader));
            db.compactAndClose(); // gives back the space H2 took for the one large transaction
            long rows = loaded.values().stream().mapToLong(Long::longValue).sum();
            spec.commandLine().getOut().println("Imported " + rows + " rows of " + header.tables().size() + " tables "
                    + "(schema version " + header.schemaVersion() + ", exported from " + header.database() + " at "
                    + header.exportedAt() + ") from " + file + ". Start the servers with the master key of the "
                    + "database it was exported from.");
            return 0;
        } catch (ExportFile.Unusable e) {
            return fail(file + ": " + e.getMessage() + "; nothing was imported.");
        } catch (ExclusiveUse.InUse e) {
            return fail(e.getMessage() + "; nothing was imported.");
        } catch (Database.Unreachable | Refusal e) {
            return fail(e.getMessage());
        } catch (IOException e) {
            return fail("Cannot read " + file + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ").");
        }
    }

    /** Every row, in the file's order, which must follow the loading order; then the counts against the header. */
    private static Map<String, Long> load(ExportReader reader, ExportReader.Header header, Restore.Loader loader) {
        Schema schema = loader.schema();
        List<String> names = schema.tables().stream().map(Table::name).toList();
        if (!header.tables().keySet().equals(Set.copyOf(names))) {
            throw new ExportFile.Unusable("its tables are not this database's (it has " + header.tables().keySet()
                    + ", the database " + names + ")");
        }
        int position = 0;
        for (ExportReader.Row row = reader.next(); row != null; row = reader.next()) {
            int index = names.indexOf(row.table());
            if (index < 0) {
                throw new ExportFile.Unusable("line " + row.line() + " is a row of table " + row.table()
                        + ", which is not in its header");
            }
            if (index < position) {
                throw new ExportFile.Unusable("line " + row.line() + " is a row of table " + row.table() + " after rows "
                        + "of " + names.get(position) + ", which must be loaded after it");
            }
            position = index;
            Table table = schema.tables().get(index);
            loader.insert(table, ExportReader.values(table, row));
        }
        for (Map.Entry<String, Long> expected : header.tables().entrySet()) {
            long actual = loader.counts().getOrDefault(expected.getKey(), 0L);
            if (actual != expected.getValue()) {
                throw new ExportFile.Unusable("it holds " + actual + " rows of table " + expected.getKey()
                        + " where its header counts " + expected.getValue());
            }
        }
        return loader.counts();
    }

    /** Null when the file's schema version is the database's; else why not, as the end of a sentence. */
    static String versionProblem(String file, String database, String writtenBy) {
        if (Objects.equals(file, database)) {
            return null;
        }
        if (compare(file, database) > 0) {
            return "was written at schema version " + file + ", newer than this Latchkey's " + database
                    + ": import it with the Latchkey that wrote it (" + writtenBy + ") or a newer one";
        }
        return "was written at schema version " + file + " by Latchkey " + writtenBy + ", and this one is at "
                + database + ": import it with the version that wrote it, then start this one, which migrates it";
    }

    /** Flyway's versions: dot-separated numbers ("14", "14.1"). */
    private static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long p = i < x.length ? parse(x[i]) : 0;
            long q = i < y.length ? parse(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return 0;
    }

    private static long parse(String part) {
        try {
            return Long.parseLong(part);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private int fail(String sentence) {
        spec.commandLine().getErr().println("latchkey: " + sentence);
        return 1;
    }
}
