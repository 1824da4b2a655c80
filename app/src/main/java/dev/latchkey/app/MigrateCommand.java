package dev.latchkey.app;

import dev.latchkey.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code latchkey migrate}: brings the database schema up to date and exits, for deploys that migrate first. */
@Command(name = "migrate", mixinStandardHelpOptions = true, description = "Migrate the database schema and exit.")
final class MigrateCommand implements Callable<Integer> {
    @Option(names = "--data-dir", defaultValue = "${env:LATCHKEY_DATA_DIR:-./data}", description = "Data directory of the embedded database.")
    Path dataDir;

    @Option(names = "--db-url", defaultValue = "${env:LATCHKEY_DB_URL}", description = "JDBC URL (default embedded H2).")
    String dbUrl;

    @Option(names = "--db-user", defaultValue = "${env:LATCHKEY_DB_USER}", description = "Database user.")
    String dbUser;

    @Option(names = "--db-password", defaultValue = "${env:LATCHKEY_DB_PASSWORD}", description = "Database password.")
    String dbPassword;

    @Override
    public Integer call() throws Exception {
        String url = ServeCommand.blankToNull(dbUrl);
        if (url == null) {
            Files.createDirectories(dataDir);
            url = Database.h2Url(dataDir);
        }
        try (Database ignored = Database.open(url, ServeCommand.blankToNull(dbUser), ServeCommand.blankToNull(dbPassword), 2)) {
            System.out.println("Database schema is up to date.");
        } catch (Database.Unreachable e) {
            System.err.println("latchkey: " + e.getMessage());
            return 1;
        }
        return 0;
    }
}
