package dev.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.app.support.ServerProcess;
import dev.latchkey.core.common.KeyFormat;
import dev.latchkey.store.Postgres;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the container image (Dockerfile, compose.yaml) relies on, on the packaged jar: a start configured by
 * environment variables alone, the bootstrap admin key file where LATCHKEY_BOOTSTRAP_ADMIN_APIKEY_FILE names it,
 * a supplied LATCHKEY_BOOTSTRAP_ADMIN_APIKEY that is never shown, bad values refused in one sentence before
 * anything is written, the image's health check, {@code /health/ready}, and its management port (metrics) from
 * LATCHKEY_MANAGEMENT_PORT, none at all with 0.
 */
class DeployIT {
    private static final Duration LIMIT = Duration.ofSeconds(60);

    /** As compose.yaml: PostgreSQL, the master key from the environment, the key file on its own volume. */
    @Test
    void environmentOnlyStartWritesTheKeyFileWhereNamedAndIsReady() throws Exception {
        Path work = Files.createTempDirectory("latchkey-deploy");
        Path keyFile = work.resolve("bootstrap").resolve("secrets").resolve("admin-apikey.txt");
        Map<String, String> env = new HashMap<>(Map.of(
                "LATCHKEY_DATA_DIR", work.resolve("data").toString(),
                "LATCHKEY_DB_URL", Postgres.freshSchemaUrl(),
                "LATCHKEY_DB_USER", Postgres.USER,
                "LATCHKEY_MASTER_KEY", masterKey(),
                "LATCHKEY_BOOTSTRAP_ADMIN_APIKEY_FILE", keyFile.toString(),
                "LATCHKEY_DB_POOL_SIZE", "5"));
        try (ServerProcess server = ServerProcess.startFromEnvironment(work, env)) {
            assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            String key = Files.readString(keyFile).strip();
            assertThat(new KeyFormat("lk").isWellFormed(key)).isTrue();
            assertThat(server.token(key)).isNotBlank();
            assertThat(work.resolve("data").resolve(AdminKeyFile.FILE)).doesNotExist();
            ServerProcess.Answer ready = server.call("GET", "/health/ready", null, null, Map.of());
            assertThat(ready.status()).as("the image's HEALTHCHECK").isEqualTo(200);
            assertThat(Files.readString(server.log)).contains("a copy is in " + keyFile).contains(key);
            // LATCHKEY_MANAGEMENT_PORT: metrics and health there, the main port without /metrics
            assertThat(server.listeningPorts()).containsExactlyInAnyOrder(server.port(),
                    URI.create(server.managementUrl).getPort());
            assertThat(server.management("/metrics").body()).as("LATCHKEY_DB_POOL_SIZE")
                    .contains("hikaricp_connections_max{pool=\"latchkey\"} 5.0\n");
            assertThat(server.management("/health/ready").statusCode()).isEqualTo(200);
            assertThat(server.call("GET", "/metrics", null, null, Map.of()).status()).isEqualTo(404);
        }
        // A second start on the initialised database ignores the variables (the file is there): INFO, and serves.
        String before = Files.readString(keyFile);
        env.put("LATCHKEY_BOOTSTRAP_ADMIN_APIKEY", "another-value-that-is-long-enough-to-be-used-0123");
        env.put("LATCHKEY_MANAGEMENT_PORT", "0");
        try (ServerProcess server = ServerProcess.startFromEnvironment(work, env)) {
            assertThat(server.token(before.strip())).isNotBlank();
            assertThat(server.listeningPorts()).as("0: no management port at all").containsExactly(server.port());
            assertThat(server.exchange("another-value-that-is-long-enough-to-be-used-0123").status()).isEqualTo(400);
            assertThat(Files.readString(server.log)).contains("The database is already initialised: "
                    + "LATCHKEY_BOOTSTRAP_ADMIN_APIKEY_FILE and LATCHKEY_BOOTSTRAP_ADMIN_APIKEY only apply to the first start");
        }
        assertThat(Files.readString(keyFile)).isEqualTo(before);
    }

    @Test
    void aSuppliedKeyGetsATokenAndIsShownNowhere() throws Exception {
        for (String supplied : List.of(new KeyFormat("lk").generate(new SecureRandom()),
                "my-own-admin-key-of-forty-characters-000")) {
            Path work = Files.createTempDirectory("latchkey-deploy");
            Path dataDir = work.resolve("data");
            try (ServerProcess server = ServerProcess.startFromEnvironment(work, Map.of(
                    "LATCHKEY_DATA_DIR", dataDir.toString(), "LATCHKEY_BOOTSTRAP_ADMIN_APIKEY", supplied))) {
                assertThat(server.token(supplied)).isNotBlank();
                assertThat(server.call("GET", "/health/ready", null, null, Map.of()).status()).isEqualTo(200);
                assertThat(dataDir.resolve(AdminKeyFile.FILE)).as("no key file for a supplied key").doesNotExist();
                server.terminate();
                assertThat(server.awaitExit(LIMIT)).isEqualTo(0);
                String output = Files.readString(server.log) + Files.readString(server.errors);
                assertThat(output).contains("it is the value of LATCHKEY_BOOTSTRAP_ADMIN_APIKEY and is not shown")
                        .doesNotContain(supplied).doesNotContain(supplied.substring(0, 20));
            }
        }
    }

    @Test
    void badSuppliedValuesAreRefusedInOneSentenceBeforeAnythingIsWritten() throws Exception {
        String good = new KeyFormat("lk").generate(new SecureRandom());
        String badChecksum = good.substring(0, good.length() - 1) + (good.endsWith("0") ? "1" : "0");
        for (String bad : List.of("too-short-0123456789", badChecksum, "thirty-two-or-more-characters but with a space")) {
            Path work = Files.createTempDirectory("latchkey-deploy");
            Path dataDir = work.resolve("data");
            ServerProcess.Run run = ServerProcess.run(work, List.of("serve"), Map.of("LATCHKEY_PORT", "0",
                    "LATCHKEY_DATA_DIR", dataDir.toString(), "LATCHKEY_BOOTSTRAP_ADMIN_APIKEY", bad), LIMIT);
            assertThat(run.status()).as(run.err()).isEqualTo(1);
            assertThat(run.err().lines().toList()).as("one line").hasSize(1);
            assertThat(run.err()).startsWith("latchkey: LATCHKEY_BOOTSTRAP_ADMIN_APIKEY ")
                    .contains("nothing was written").doesNotContain(bad).doesNotContain("Exception");
            assertThat(run.out()).doesNotContain(bad);
            assertThat(dataDir).as("nothing written").doesNotExist();
        }
    }

    @Test
    void anExistingKeyFileIsNotOverwrittenAndTheDatabaseStaysEmpty() throws Exception {
        Path work = Files.createTempDirectory("latchkey-deploy");
        Path keyFile = work.resolve("admin-apikey.txt");
        Files.writeString(keyFile, "someone else's\n");
        Map<String, String> env = Map.of("LATCHKEY_DATA_DIR", work.resolve("data").toString(),
                "LATCHKEY_BOOTSTRAP_ADMIN_APIKEY_FILE", keyFile.toString());
        ServerProcess.Run run = ServerProcess.run(work, List.of("serve"), env, LIMIT);
        assertThat(run.status()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("latchkey: The bootstrap admin key file " + keyFile + " already exists and is "
                + "not overwritten; remove it or name another with LATCHKEY_BOOTSTRAP_ADMIN_APIKEY_FILE."
                + System.lineSeparator());
        assertThat(Files.readString(keyFile)).isEqualTo("someone else's\n");
        // Nothing was made: once the file is gone, this data directory still gets its first start.
        Files.delete(keyFile);
        try (ServerProcess server = ServerProcess.startFromEnvironment(work, env)) {
            assertThat(server.token(Files.readString(keyFile).strip())).isNotBlank();
        }
    }

    private static String masterKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
