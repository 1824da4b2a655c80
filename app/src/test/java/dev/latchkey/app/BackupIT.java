package dev.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.app.support.ServerProcess;
import dev.latchkey.store.Postgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The backup commands as processes of the packaged jar, configured by {@code LATCHKEY_*} variables as a container is:
 * an embedded node exported, imported into PostgreSQL, its master key (from {@code LATCHKEY_MASTER_KEY}) rotated, and
 * a node started on PostgreSQL with the new key, where the admin key and a stored key value still work; with the old
 * key a node refuses to start in one sentence.
 */
class BackupIT {
    private static final Duration LIMIT = Duration.ofSeconds(90);

    @Test
    void anEmbeddedNodeMovesToPostgresAndItsMasterKeyFromTheEnvironmentIsRotated() throws Exception {
        Path work = Files.createTempDirectory("latchkey-backup");
        String oldKey = newKey();
        Map<String, String> embedded = Map.of("LATCHKEY_DATA_DIR", work.resolve("embedded").toString(),
                "LATCHKEY_MASTER_KEY", oldKey, "LATCHKEY_MANAGEMENT_PORT", "0");
        String adminKey;
        String storedKeyId;
        String storedKey;
        try (ServerProcess node = ServerProcess.startFromEnvironment(work, embedded)) {
            adminKey = ServerProcess.adminKey(work.resolve("embedded"));
            String token = node.token(adminKey);
            String account = node.call("GET", "/v1/apikeys", token, null, Map.of()).body().at("/apikeys/0/account_id")
                    .asText();
            String serviceId = node.call("POST", "/v1/serviceids/", token, "{\"account_id\":\"" + account
                    + "\",\"name\":\"deployer\"}", Map.of()).body().get("iam_id").asText();
            var stored = node.call("POST", "/v1/apikeys", token, "{\"name\":\"stored\",\"iam_id\":\"" + serviceId
                    + "\",\"store_value\":true}", Map.of()).body();
            storedKeyId = stored.get("id").asText();
            storedKey = stored.get("apikey").asText();
            node.terminate();
            assertThat(node.awaitExit(LIMIT)).isZero();
        }
        Path file = work.resolve("latchkey.jsonl.gz");
        ServerProcess.Run exported = ServerProcess.run(work, List.of("export", "--file", file.toString()), embedded,
                LIMIT);
        assertThat(exported.status()).as(exported.err()).isZero();

        Map<String, String> postgres = new HashMap<>(Map.of("LATCHKEY_DATA_DIR", work.resolve("postgres").toString(),
                "LATCHKEY_DB_URL", Postgres.freshSchemaUrl(), "LATCHKEY_DB_USER", Postgres.USER,
                "LATCHKEY_MASTER_KEY", oldKey, "LATCHKEY_MANAGEMENT_PORT", "0"));
        ServerProcess.Run imported = ServerProcess.run(work, List.of("import", "--file", file.toString()), postgres,
                LIMIT);
        assertThat(imported.status()).as(imported.err()).isZero();
        Path newKeyFile = work.resolve("new-master.key");
        ServerProcess.Run rotated = ServerProcess.run(work, List.of("master-key-rotate", "--new-key-file",
                newKeyFile.toString(), "--generate"), postgres, LIMIT);
        assertThat(rotated.status()).as(rotated.err()).isZero();
        String newKey = Files.readString(newKeyFile).strip();
        assertThat(rotated.out()).contains("Set LATCHKEY_MASTER_KEY to the new key (the content of " + newKeyFile + ")")
                .doesNotContain(newKey).doesNotContain(oldKey);
        assertThat(work.resolve("postgres").resolve(MasterKey.FILE)).as("the key lives in the variable").doesNotExist();

        Map<String, String> rotatedNode = new HashMap<>(postgres);
        rotatedNode.put("LATCHKEY_MASTER_KEY", newKey);
        try (ServerProcess node = ServerProcess.startFromEnvironment(work, rotatedNode)) {
            String token = node.token(adminKey);
            assertThat(node.call("GET", "/v1/apikeys/" + storedKeyId, token, null, Map.of()).body().get("apikey")
                    .asText()).isEqualTo(storedKey);
            assertThat(node.token(storedKey)).isNotBlank();
        }
        postgres.put("LATCHKEY_PORT", "0");
        ServerProcess.Run withOldKey = ServerProcess.run(work, List.of("serve"), postgres, LIMIT);
        assertThat(withOldKey.status()).isEqualTo(1);
        assertThat(withOldKey.err()).isEqualTo("latchkey: The master key from LATCHKEY_MASTER_KEY does not open the "
                + "secrets stored in this database: it is not the key they were sealed with (if a master-key-rotate was "
                + "interrupted, run it again with the same --new-key-file)." + System.lineSeparator());
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
