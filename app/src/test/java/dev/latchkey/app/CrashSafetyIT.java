package dev.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.app.support.ServerProcess;
import dev.latchkey.store.Postgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Nothing acknowledged is lost in a crash. The packaged server runs under a concurrent write load (service IDs
 * created with a key, then updated with If-Match, then the key deleted); it is killed with SIGKILL at a random
 * moment, restarted on the same data, and every write that was answered 2xx before the kill must be there: each
 * created service ID and key exists, each acknowledged update shows, and each key whose DELETE was answered 204
 * is gone and refused at {@code /identity/token}. A write that was in flight at the kill may land or not.
 * Several cycles each, on the embedded H2 and on PostgreSQL.
 */
class CrashSafetyIT {
    private static final int CYCLES = 4;
    private static final int WRITERS = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void h2LosesNoAcknowledgedWriteToSigkill() throws Exception {
        crashCycles(List.of());
    }

    @Test
    void postgresLosesNoAcknowledgedWriteToSigkill() throws Exception {
        crashCycles(List.of("--db-url", Postgres.freshSchemaUrl(), "--db-user", Postgres.USER));
    }

    private static void crashCycles(List<String> options) throws Exception {
        Path dataDir = Files.createTempDirectory("latchkey-crash").resolve("data");
        Files.createDirectories(dataDir);
        Random random = new Random(20261205);
        int acknowledged = 0;
        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            List<ServiceIdUnderLoad> objects;
            try (ServerProcess server = ServerProcess.start(dataDir, options)) {
                String token = server.token(ServerProcess.adminKey(dataDir));
                Load load = Load.start(server, token, accountOf(token), cycle);
                // the kill comes 1-2.5 s after the first acknowledged write, so a slow machine still has writes in
                // flight and behind it when it comes
                assertThat(load.awaitFirstWrite(Duration.ofSeconds(30)))
                        .as("a write acknowledged within 30 s (cycle %d); answers other than 2xx meanwhile: %s", cycle,
                                load.unexpected).isTrue();
                Thread.sleep(1_000 + random.nextInt(1_500));
                server.kill();
                objects = load.awaitWriters();
                assertThat(load.unexpected).as("answers other than 2xx under load (cycle %d)", cycle).isEmpty();
            }
            try (ServerProcess server = ServerProcess.start(dataDir, options)) {
                String token = server.token(ServerProcess.adminKey(dataDir));
                for (ServiceIdUnderLoad object : objects) {
                    object.verify(server, token);
                    acknowledged += object.acknowledged();
                }
            }
            assertThat(objects).as("cycle %d wrote something before the kill", cycle).isNotEmpty();
        }
        System.out.printf("crash safety %s: %d cycles, %d acknowledged writes, none lost%n",
                options.isEmpty() ? "H2" : "PostgreSQL", CYCLES, acknowledged);
    }

    private static String[] accountOf(String token) throws IOException {
        JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
        return new String[] {claims.path("account").path("bss").asText(), claims.path("iam_id").asText()};
    }

    /** Writers that run until the server stops answering; what each got acknowledged. */
    private static final class Load {
        final ConcurrentLinkedQueue<ServiceIdUnderLoad> objects = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        final List<Thread> writers = new ArrayList<>();

        static Load start(ServerProcess server, String token, String[] account, int cycle) {
            Load load = new Load();
            AtomicInteger sequence = new AtomicInteger();
            for (int w = 0; w < WRITERS; w++) {
                load.writers.add(Thread.ofVirtual().start(() -> {
                    try {
                        while (true) {
                            String name = "crash-" + cycle + "-" + sequence.incrementAndGet();
                            ServiceIdUnderLoad object = new ServiceIdUnderLoad(name);
                            load.objects.add(object);
                            object.run(server, token, account[0], load.unexpected);
                        }
                    } catch (IOException | InterruptedException serverGone) {
                        // killed: this writer's last request may or may not have landed
                    }
                }));
            }
            return load;
        }

        /** Waits (bounded) until some writer got its service ID created: true when one did. */
        boolean awaitFirstWrite(Duration limit) throws InterruptedException {
            long deadline = System.nanoTime() + limit.toNanos();
            while (System.nanoTime() < deadline) {
                if (objects.stream().anyMatch(o -> o.id != null)) {
                    return true;
                }
                Thread.sleep(10);
            }
            return false;
        }

        List<ServiceIdUnderLoad> awaitWriters() throws InterruptedException {
            for (Thread writer : writers) {
                writer.join(30_000);
                assertThat(writer.isAlive()).as("a writer still running 30 s after the kill").isFalse();
            }
            return objects.stream().filter(o -> o.id != null).toList();
        }
    }

    /**
     * One service ID's life under load: create (with a key), update the description with If-Match, delete the key.
     * Each step is marked in flight before it is sent and acknowledged when its 2xx arrives.
     */
    private static final class ServiceIdUnderLoad {
        final String name;
        volatile String id;
        volatile String keyId;
        volatile String keyValue;
        volatile boolean updateSent;
        volatile boolean updateAcknowledged;
        volatile boolean deleteSent;
        volatile boolean deleteAcknowledged;

        ServiceIdUnderLoad(String name) {
            this.name = name;
        }

        void run(ServerProcess server, String token, String account, ConcurrentLinkedQueue<String> unexpected)
                throws IOException, InterruptedException {
            ServerProcess.Answer created = server.call("POST", "/v1/serviceids/", token, "{\"account_id\":\"" + account
                    + "\",\"name\":\"" + name + "\",\"description\":\"v0\",\"apikey\":{\"name\":\"k-" + name + "\"}}", Map.of());
            if (created.status() != 201) {
                unexpected.add("create " + created.status() + " " + created.body());
                return;
            }
            keyId = created.body().path("apikey").path("id").asText();
            keyValue = created.body().path("apikey").path("apikey").asText();
            id = created.body().path("id").asText();
            updateSent = true;
            ServerProcess.Answer updated = server.call("PUT", "/v1/serviceids/" + id, token, "{\"description\":\"v1\"}",
                    Map.of("If-Match", created.header("Etag")));
            if (updated.status() != 200) {
                unexpected.add("update " + updated.status() + " " + updated.body());
                return;
            }
            updateAcknowledged = true;
            deleteSent = true;
            ServerProcess.Answer deleted = server.call("DELETE", "/v1/apikeys/" + keyId, token, null, Map.of());
            if (deleted.status() != 204) {
                unexpected.add("delete " + deleted.status() + " " + deleted.body());
                return;
            }
            deleteAcknowledged = true;
        }

        int acknowledged() {
            return 1 + (updateAcknowledged ? 1 : 0) + (deleteAcknowledged ? 1 : 0);
        }

        void verify(ServerProcess server, String token) throws IOException, InterruptedException {
            ServerProcess.Answer serviceId = server.call("GET", "/v1/serviceids/" + id, token, null, Map.of());
            assertThat(serviceId.status()).as("acknowledged service ID %s after the restart", name).isEqualTo(200);
            String description = serviceId.body().path("description").asText();
            if (updateAcknowledged) {
                assertThat(description).as("acknowledged update of %s", name).isEqualTo("v1");
            } else if (!updateSent) {
                assertThat(description).as("description of %s", name).isEqualTo("v0");
            }
            int key = server.call("GET", "/v1/apikeys/" + keyId, token, null, Map.of()).status();
            int exchange = server.exchange(keyValue).status();
            if (deleteAcknowledged) {
                assertThat(key).as("key of %s, deleted with a 204 before the kill", name).isEqualTo(404);
                assertThat(exchange).as("token for the deleted key of %s", name).isEqualTo(400);
            } else if (!deleteSent) {
                assertThat(key).as("acknowledged key of %s", name).isEqualTo(200);
                assertThat(exchange).as("token for the acknowledged key of %s", name).isEqualTo(200);
            }
        }
    }
}
