package dev.latchkey.app;

import dev.latchkey.core.common.SealedSecret;
import dev.latchkey.core.common.SecretBox;
import dev.latchkey.store.Database;
import dev.latchkey.store.ExclusiveUse;
import dev.latchkey.store.maintenance.Refusal;
import dev.latchkey.store.maintenance.Reseal;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code latchkey master-key-rotate --new-key-file F}: re-seals every sealed value (signing keys, stored API key
 * values, classic keys, webhook secrets) under the key in F, in one transaction ({@link Reseal}), then, when the key
 * came from {@code DATA-DIR/master.key}, replaces that file with the new key; when it came from
 * {@code LATCHKEY_MASTER_KEY}, says that the variable must now be changed. Servers must be stopped: they hold the old
 * key (on PostgreSQL a running node is detected and the rotation refused).
 */
@Command(name = "master-key-rotate", mixinStandardHelpOptions = true,
        description = "Re-seal every stored secret under a new master key, in one transaction. Stop every server "
                + "first; start them again with the new key.")
final class MasterKeyRotateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--new-key-file", required = true, description = "The new master key: a file holding base64 of "
            + "32 bytes (head -c 32 /dev/urandom | base64 > F; chmod 600 F).")
    Path newKeyFile;

    @Option(names = "--generate", description = "Make the new key and write it to --new-key-file first (created with "
            + "mode 0600; an existing file is refused).")
    boolean generate;

    @Mixin
    DatabaseOptions database;

    @Override
    public Integer call() {
        if (database.missing() != null) {
            return fail(database.missing());
        }
        String configured = System.getenv(MasterKey.VARIABLE);
        SecureRandom random = new SecureRandom();
        byte[] current;
        byte[] next;
        try {
            current = MasterKey.read(configured, database.dataDir);
            if (current == null) {
                return fail("There is no master key to rotate: " + MasterKey.VARIABLE + " is not set and "
                        + database.dataDir.resolve(MasterKey.FILE) + " does not exist.");
            }
            next = generate ? MasterKey.generate(newKeyFile, random) : MasterKey.readFile(newKeyFile);
        } catch (MasterKey.Unusable e) {
            return fail(e.getMessage());
        } catch (IOException e) {
            return fail("Cannot read the master key (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ").");
        }
        if (MessageDigest.isEqual(current, next)) {
            return fail("The key in " + newKeyFile + " is the master key in use already (from "
                    + MasterKey.source(configured, database.dataDir) + "); give a new one.");
        }
        Reseal.Outcome outcome;
        try (Database db = database.open(2)) {
            outcome = Reseal.run(db, new SecretBox(current, random), new SecretBox(next, random));
        } catch (ExclusiveUse.InUse e) {
            return fail(e.getMessage() + "; nothing was changed.");
        } catch (Database.Unreachable | Refusal e) {
            return fail(e.getMessage());
        } catch (IOException e) {
            return fail("Cannot open the database (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ").");
        }
        if (outcome.alreadyNew() + outcome.resealed().values().stream().mapToInt(Integer::intValue).sum() == 0) {
            // every started database has a signing key: this is not the nodes' database, so keep the key file as it is
            return fail("This database holds no sealed value (no server has started on it): is --data-dir or --db-url "
                    + "the right one? Nothing was changed.");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Re-sealed under the new master key: " + describe(outcome.resealed())
                + (outcome.alreadyNew() > 0 ? " (" + outcome.alreadyNew() + " more were under it already)" : "") + ".");
        if (configured == null || configured.isBlank()) {
            try {
                MasterKey.replace(database.dataDir, next);
            } catch (IOException e) {
                return fail("The database is sealed under the new key, but " + database.dataDir.resolve(MasterKey.FILE)
                        + " could not be replaced (" + e.getMessage() + "): copy " + newKeyFile + " over it.");
            }
            out.println(database.dataDir.resolve(MasterKey.FILE) + " now holds the new key; start the servers.");
        } else {
            out.println("Set " + MasterKey.VARIABLE + " to the new key (the content of " + newKeyFile + ") on every "
                    + "node before starting it: the old key no longer opens this database.");
        }
        out.println("Backups made before now need the old master key, which this database no longer uses: keep the "
                + "copy you saved with them, or take a new backup now (./latchkey export).");
        return 0;
    }

    private static String describe(Map<SealedSecret, Integer> counts) {
        return counts.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().description()
                + (e.getValue() == 1 ? "" : "s")).collect(Collectors.joining(", "));
    }

    private int fail(String sentence) {
        spec.commandLine().getErr().println("latchkey: " + sentence);
        return 1;
    }
}
