package dev.latchkey.app;

import dev.latchkey.store.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Which database a command works on, with the same flags and {@code LATCHKEY_*} variables as {@code serve}: the
 * embedded H2 database in {@code --data-dir} unless {@code --db-url} names another. A picocli mixin, so that
 * {@code serve}, {@code migrate} and the offline maintenance commands cannot drift apart.
 */
final class DatabaseOptions {
    @Option(names = "--data-dir", defaultValue = "${env:LATCHKEY_DATA_DIR:-./data}", description = "Data directory: H2 database, master key, admin key file (LATCHKEY_DATA_DIR, default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--db-url", defaultValue = "${env:LATCHKEY_DB_URL}", description = "JDBC URL; jdbc:postgresql://… runs on PostgreSQL (LATCHKEY_DB_URL, default embedded H2).")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "${env:LATCHKEY_DB_USER}", description = "Database user (LATCHKEY_DB_USER).")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "${env:LATCHKEY_DB_PASSWORD}", description = "Database password (LATCHKEY_DB_PASSWORD; prefer the variable).")
    String dbPassword;

    /** The JDBC URL, or null for the embedded database. */
    String url() {
        return ServeCommand.blankToNull(dbUrl);
    }

    String user() {
        return ServeCommand.blankToNull(dbUser);
    }

    String password() {
        return ServeCommand.blankToNull(dbPassword);
    }

    /**
     * Null when the database is there to be read; else the sentence that says it is not: a mistyped {@code --data-dir}
     * would otherwise get a new, empty embedded database, and a command that reads would find nothing in it.
     */
    String missing() {
        if (url() != null || Files.exists(Database.h2File(dataDir))) {
            return null;
        }
        return "There is no database in " + dataDir + " (no " + Database.h2File(dataDir).getFileName()
                + "): give the --data-dir of the node, or its --db-url.";
    }

    /**
     * Opens (and migrates) the database with a pool of {@code poolSize}; the embedded one's directory is made
     * first. A database that does not answer is a {@link Database.Unreachable} with a one-sentence message.
     */
    Database open(int poolSize) throws IOException {
        String url = url();
        if (url == null) {
            Files.createDirectories(dataDir);
            MasterKey.SecureFiles.restrictToOwner(dataDir); // as serve leaves it: the database holds key hashes
            return Database.openEmbedded(dataDir, user(), password(), poolSize);
        }
        return Database.open(url, user(), password(), poolSize);
    }
}
