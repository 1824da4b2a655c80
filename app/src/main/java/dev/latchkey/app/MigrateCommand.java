package dev.latchkey.app;

import dev.latchkey.store.Database;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code latchkey migrate}: brings the database schema up to date and exits, for deploys that migrate first. */
@Command(name = "migrate", mixinStandardHelpOptions = true, description = "Migrate the database schema and exit.")
final class MigrateCommand implements Callable<Integer> {
    @Mixin
    DatabaseOptions database;

    @Override
    public Integer call() throws Exception {
        try (Database ignored = database.open(2)) {
            System.out.println("Database schema is up to date.");
        } catch (Database.Unreachable e) {
            System.err.println("latchkey: " + e.getMessage());
            return 1;
        }
        return 0;
    }
}
