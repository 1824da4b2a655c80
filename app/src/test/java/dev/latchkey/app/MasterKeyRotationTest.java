package dev.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.latchkey.app.support.LatchkeyCli;
import dev.latchkey.app.support.LatchkeyCli.Run;
import dev.latchkey.app.support.NotificationTestKit;
import dev.latchkey.app.support.Population;
import dev.latchkey.app.support.TestServer;
import dev.latchkey.app.support.WebhookReceiver;
import dev.latchkey.store.Postgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code master-key-rotate} as an operator runs it (the command line, in process), on H2 and on PostgreSQL: every
 * sealed value opens under the new key afterwards (a stored key value, a webhook secret, a classic key, the signing
 * keys), the old key no longer starts a server (one sentence), running it again after an interruption finishes the
 * job, a value that opens with neither key changes nothing, and a running node is detected on PostgreSQL.
 */
class MasterKeyRotationTest {
    TestServer server;
    WebhookReceiver receiver;
    final LatchkeyCli cli = new LatchkeyCli(Path.of("target", "rotation-test-profile"));

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (receiver != null) {
            receiver.close();
        }
        LatchkeyCli.reset();
    }

    @Test
    void onTheEmbeddedDatabase() throws Exception {
        rotateThenUseEverySealedValue(TestServer.config(false));
    }

    @Test
    void onPostgres() throws Exception {
        rotateThenUseEverySealedValue(TestServer.config(true));
    }

    private void rotateThenUseEverySealedValue(ServerConfig initial) throws Exception {
        // one issuer for every start (each gets another port), so that a token from before can be checked after
        ServerConfig config = initial.withNotifications(NotificationTestKit.driven())
                .withSharedIdentity(null, "http://latchkey.test");
        Path dataDir = config.dataDir();
        Path masterKey = dataDir.resolve(MasterKey.FILE);
        List<String> database = new ArrayList<>(List.of("--data-dir", dataDir.toString()));
        if (config.dbUrl() != null) {
            database.addAll(List.of("--db-url", config.dbUrl(), "--db-user", Postgres.USER));
        }
        receiver = new WebhookReceiver();
        server = TestServer.start(config);
        Population made = Population.of(server, receiver);
        String tokenBefore = server.token(made.adminKey());
        String oldKey = Files.readString(masterKey);
        Path newKeyFile = dataDir.getParent().resolve(dataDir.getFileName() + "-new.key");
        if (config.dbUrl() != null) {
            Run refused = rotate(database, "--new-key-file", newKeyFile.toString(), "--generate");
            assertThat(refused.exit()).as(refused.out()).isEqualTo(1);
            assertThat(refused.err()).isEqualTo("latchkey: A Latchkey server (or another import or master-key-rotate) "
                    + "is using this database; stop every node first; nothing was changed." + System.lineSeparator());
            Files.delete(newKeyFile); // --generate wrote it before the database refused
        }
        server.close();
        server = null;

        Run rotated = rotate(database, "--new-key-file", newKeyFile.toString(), "--generate");
        assertThat(rotated.exit()).as(rotated.err()).isZero();
        assertThat(rotated.out()).containsPattern("Re-sealed under the new master key: \\d+ signing keys?, 1 stored API "
                        + "key value, 1 classic infrastructure key, 1 webhook endpoint secret\\.")
                .contains(masterKey + " now holds the new key")
                .contains("Backups made before now need the old master key");
        String newKey = Files.readString(newKeyFile);
        assertThat(Files.readString(masterKey)).isEqualTo(newKey).isNotEqualTo(oldKey);
        assertThat(rotated.out() + rotated.err()).doesNotContain(newKey.strip()).doesNotContain(oldKey.strip());
        for (Path file : List.of(masterKey, newKeyFile)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        assertThat(dataDir.resolve(MasterKey.FILE + ".next")).doesNotExist();

        server = TestServer.startExisting(config);
        made.assertEverySecretWorks(server, receiver);
        assertThat(server.get("/v1/apikeys", tokenBefore).status()).as("the signing keys are the same keys")
                .isEqualTo(200);
        server.close();
        server = null;

        Files.writeString(masterKey, oldKey);
        List<String> serve = new ArrayList<>(List.of("serve", "--port", "0", "--management-port", "0"));
        serve.addAll(database);
        Run withOldKey = assertTimeoutPreemptively(Duration.ofMinutes(1), () -> cli.run(serve.toArray(String[]::new)));
        assertThat(withOldKey.exit()).isEqualTo(1);
        assertThat(withOldKey.err()).isEqualTo("latchkey: The master key from " + masterKey + " does not open the "
                + "secrets stored in this database: it is not the key they were sealed with (if a master-key-rotate "
                + "was interrupted, run it again with the same --new-key-file)." + System.lineSeparator());

        // As if the rotation had been interrupted after its commit, before master.key was replaced: run it again.
        Run finished = rotate(database, "--new-key-file", newKeyFile.toString());
        assertThat(finished.exit()).as(finished.err()).isZero();
        assertThat(finished.out()).contains("0 stored API key values")
                .containsPattern("\\(\\d+ more were under it already\\)");
        assertThat(Files.readString(masterKey)).isEqualTo(newKey);

        byte[] stranger = new byte[32];
        new SecureRandom().nextBytes(stranger);
        Files.writeString(masterKey, Base64.getEncoder().encodeToString(stranger) + "\n");
        Path another = dataDir.getParent().resolve(dataDir.getFileName() + "-another.key");
        Run neither = rotate(database, "--new-key-file", another.toString(), "--generate");
        assertThat(neither.exit()).isEqualTo(1);
        assertThat(neither.err()).matches("latchkey: The signing key \\S+ opens with neither the current master key nor "
                + "the new one, so nothing was changed\\.\\R");
        Files.writeString(masterKey, newKey);
        server = TestServer.startExisting(config);
        assertThat(server.get("/v1/apikeys/" + made.storedKeyId(), server.token(made.adminKey())).body().get("apikey")
                .asText()).as("nothing was changed").isEqualTo(made.storedKey());
    }

    private Run rotate(List<String> database, String... options) {
        List<String> args = new ArrayList<>(List.of("master-key-rotate"));
        args.addAll(List.of(options));
        args.addAll(database);
        return cli.run(args.toArray(String[]::new));
    }

    @Test
    void aBadNewKeyNoCurrentKeyOrTheWrongDatabaseIsOneSentenceAndNothingIsTouched() throws Exception {
        Path dir = Files.createTempDirectory("latchkey-rotate");
        List<String> unstarted = List.of("--data-dir", dir.toString(), "--db-url", Postgres.freshSchemaUrl(),
                "--db-user", Postgres.USER);
        Path bad = Files.writeString(dir.resolve("bad.key"), "not base64!\n");
        assertThat(rotate(unstarted, "--new-key-file", bad.toString()).err()).isEqualTo("latchkey: There is no master "
                + "key to rotate: LATCHKEY_MASTER_KEY is not set and " + dir.resolve(MasterKey.FILE) + " does not exist."
                + System.lineSeparator());
        Files.writeString(dir.resolve(MasterKey.FILE), Base64.getEncoder().encodeToString(new byte[32]) + "\n");
        String current = Files.readString(dir.resolve(MasterKey.FILE));
        assertThat(rotate(unstarted, "--new-key-file", bad.toString()).err()).isEqualTo("latchkey: The master key in "
                + bad + " is not base64." + System.lineSeparator());
        Files.writeString(bad, Base64.getEncoder().encodeToString(new byte[16]));
        assertThat(rotate(unstarted, "--new-key-file", bad.toString()).err()).isEqualTo("latchkey: The master key in "
                + bad + " must be 32 bytes, not 16." + System.lineSeparator());
        assertThat(rotate(unstarted, "--new-key-file", dir.resolve(MasterKey.FILE).toString()).err())
                .startsWith("latchkey: The key in " + dir.resolve(MasterKey.FILE) + " is the master key in use already");
        assertThat(rotate(unstarted, "--new-key-file", bad.toString(), "--generate").err()).isEqualTo("latchkey: The "
                + "file " + bad + " already exists; --generate writes a new key to a new file only."
                + System.lineSeparator());

        Path good = dir.resolve("good.key");
        Run noDatabase = rotate(List.of("--data-dir", dir.toString()), "--new-key-file", good.toString(), "--generate");
        assertThat(noDatabase.err()).isEqualTo("latchkey: There is no database in " + dir + " (no latchkey.mv.db): "
                + "give the --data-dir of the node, or its --db-url." + System.lineSeparator());
        assertThat(dir.resolve("latchkey.mv.db")).as("no database was made").doesNotExist();
        assertThat(good).as("refused before a key was made").doesNotExist();
        Run nothingSealed = rotate(unstarted, "--new-key-file", good.toString(), "--generate");
        assertThat(nothingSealed.exit()).isEqualTo(1);
        assertThat(nothingSealed.err()).isEqualTo("latchkey: This database holds no sealed value (no server has "
                + "started on it): is --data-dir or --db-url the right one? Nothing was changed." + System.lineSeparator());
        assertThat(Files.readString(dir.resolve(MasterKey.FILE))).as("the key file is kept").isEqualTo(current);
    }
}
