package dev.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.app.support.NotificationTestKit;
import dev.latchkey.app.support.Scrape;
import dev.latchkey.app.support.ServerProcess;
import dev.latchkey.app.support.TestServer;
import dev.latchkey.store.Postgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM drains the packaged server (decision record 0022), and a start that cannot work says why in one sentence.
 * The drain test holds slow requests in flight (their bodies are sent in two halves, the second after the signal;
 * the management port's gauge of requests in flight shows the server working on each before the signal) while a load
 * of fresh connections runs, sends SIGTERM, and counts: every slow request gets its complete answer, readiness
 * answers 503 on a connection opened before the signal, new connections are refused, no answer is ever cut short,
 * the process exits 0 within the timeout, the key uses made in the drain are written, and the shutdown's log lines
 * are all in the output. The management port stays up through the drain: it is scraped, and its readiness says
 * draining.
 */
class ShutdownIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SLOW_CREATES = 6;
    private static final int SLOW_TOKENS = 6;
    private static final int LOAD_THREADS = 4;
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Test
    void h2DrainsOnSigterm() throws Exception {
        drains(List.of());
    }

    @Test
    void postgresDrainsOnSigterm() throws Exception {
        drains(List.of("--db-url", Postgres.freshSchemaUrl(), "--db-user", Postgres.USER));
    }

    private static void drains(List<String> database) throws Exception {
        Path dataDir = newDataDir();
        List<String> options = Stream.concat(database.stream(),
                Stream.of("--shutdown-timeout", Long.toString(TIMEOUT.toSeconds()))).toList();
        List<String> createdIds = new ArrayList<>();
        String keyId;
        try (ServerProcess server = ServerProcess.start(dataDir, options)) {
            String admin = ServerProcess.adminKey(dataDir);
            String token = server.token(admin);
            String account = accountOf(token);
            ServerProcess.Answer counted = server.call("POST", "/v1/serviceids", token, serviceId(account, "counted"), Map.of());
            assertThat(counted.status()).isEqualTo(201);
            keyId = counted.body().path("apikey").path("id").asText();
            String countedKey = counted.body().path("apikey").path("apikey").asText();

            try (Socket probe = new Socket("127.0.0.1", server.port())) {
                Reply before = Reply.exchange(probe, "GET /health/ready HTTP/1.1\r\nHost: latchkey\r\n\r\n");
                assertThat(before.status).isEqualTo(200);
                assertThat(before.json()).isEqualTo(JSON.readTree("{\"status\":\"ready\",\"checks\":{\"database\":\"ok\","
                        + "\"migrations\":\"ok\",\"signing_key\":\"ok\",\"shutdown\":\"ok\"}}"));

                // From here to finish() the held requests wait on this test: kept short, since the server cuts off a
                // body that has not come on for 5 s (SlowRequestGuard), a drain or not. Each step waits for what it
                // needs rather than for a fixed time.
                List<SlowRequest> slow = new ArrayList<>();
                for (int i = 0; i < SLOW_CREATES; i++) {
                    slow.add(SlowRequest.open(server.port(), "POST", "/v1/serviceids", "application/json",
                            Map.of("Authorization", "Bearer " + token), serviceId(account, "drained-" + i)));
                }
                for (int i = 0; i < SLOW_TOKENS; i++) {
                    slow.add(SlowRequest.open(server.port(), "POST", "/identity/token", "application/x-www-form-urlencoded",
                            Map.of(), "grant_type=urn:ibm:params:oauth:grant-type:apikey&apikey=" + TestServer.enc(countedKey)));
                }
                NotificationTestKit.await("the server to be reading every held request", TIMEOUT,
                        () -> inFlight(server) == slow.size());
                Load load = Load.start(server.port(), admin);
                NotificationTestKit.await("every load thread to be answered", TIMEOUT,
                        () -> load.answeredBefore.get() > LOAD_THREADS);
                long signalled = System.nanoTime();
                load.signalledAt.set(signalled);
                server.terminate();
                NotificationTestKit.await("readiness on the management port to say the drain began", TIMEOUT,
                        () -> managementReadiness(server) == 503);

                Reply during = Reply.exchange(probe, "GET /health/ready HTTP/1.1\r\nHost: latchkey\r\n\r\n");
                assertThat(during.status).as("readiness during the drain").isEqualTo(503);
                assertThat(during.json().path("status").asText()).isEqualTo("draining");
                assertThat(during.json().path("checks").path("shutdown").asText()).isEqualTo("draining");
                assertThat(during.json().path("checks").path("database").asText()).isEqualTo("ok");
                assertThat(during.headers.get("connection")).isEqualTo("close");
                // refused at once, not left waiting on a listening socket nobody accepts on: a bounded connect, so
                // that such a wait fails here (SocketTimeoutException) instead of eating the drain's time
                assertThatThrownBy(() -> {
                    try (Socket late = new Socket()) {
                        late.connect(new InetSocketAddress("127.0.0.1", server.port()), 2_000);
                    }
                }).as("a new connection during the drain").isInstanceOf(ConnectException.class);
                HttpResponse<String> managementReady = server.management("/health/ready");
                assertThat(managementReady.statusCode()).as("readiness on the management port during the drain")
                        .isEqualTo(503);
                assertThat(JSON.readTree(managementReady.body()).path("status").asText()).isEqualTo("draining");
                HttpResponse<String> metrics = server.management("/metrics");
                assertThat(metrics.statusCode()).as("scraped during the drain").isEqualTo(200);
                Scrape scraped = Scrape.parse(metrics.body());
                assertThat(scraped.value("latchkey_token_exchanges_seconds_count", "algorithm", "RS256", "grant_type",
                        "apikey", "outcome", "issued")).isPositive();
                assertThat(scraped.value("latchkey_http_requests_in_flight")).as("requests the drain waits for")
                        .isGreaterThanOrEqualTo(slow.size());

                for (SlowRequest request : slow) {
                    request.finish();
                }
                for (int i = 0; i < slow.size(); i++) {
                    Reply answer = slow.get(i).answer();
                    if (i < SLOW_CREATES) {
                        assertThat(answer.status).as("slow create %d: %s", i, answer.body).isEqualTo(201);
                        createdIds.add(answer.json().path("id").asText());
                    } else {
                        assertThat(answer.status).as("slow token %d: %s", i, answer.body).isEqualTo(200);
                        assertThat(answer.json().path("access_token").asText()).isNotEmpty();
                    }
                    assertThat(answer.headers.get("connection")).isEqualTo("close");
                }

                Integer status = server.awaitExit(TIMEOUT);
                long took = System.nanoTime() - signalled;
                load.stop();
                assertThat(status).as("exit status after SIGTERM").isEqualTo(0);
                assertThat(Duration.ofNanos(took)).as("signal to exit").isLessThan(TIMEOUT);
                assertThat(load.broken).as("answers cut short or failed on an accepted connection").isEmpty();
                assertThat(load.statuses).as("statuses of the load's answers").containsOnlyKeys(200);
                assertThat(load.refused.get()).as("connections refused after the signal").isPositive();
                assertThat(load.answeredBefore.get()).as("load answered before the signal").isPositive();
                System.out.printf("drain %s: %d slow requests answered (held %d ms), load %d answered (%d after the "
                                + "signal), %d refused, exit %d after %d ms%n", database.isEmpty() ? "H2" : "PostgreSQL",
                        slow.size(), slow.getFirst().heldMillis(), load.answeredBefore.get() + load.answeredAfter.get(),
                        load.answeredAfter.get(), load.refused.get(), status, took / 1_000_000);
            }

            List<String> log = Files.readAllLines(server.log).stream().filter(l -> !l.isBlank()).toList();
            assertThat(log).anyMatch(l -> l.contains("shutting down: readiness answers 503, new connections are refused"));
            assertThat(log).anyMatch(l -> l.contains("requests drained in") && l.contains("in flight when the shutdown began"));
            assertThat(log.getLast()).as("the last line of the output").contains("Latchkey stopped");
            assertThat(log.stream().filter(l -> l.contains("POST /v1/serviceids 201"))).as("access lines of the creates")
                    .hasSize(SLOW_CREATES + 1);
            assertThat(log.stream().filter(l -> l.contains("GET /health/ready 503"))).hasSize(1);
        }

        try (ServerProcess again = ServerProcess.start(dataDir, database)) {
            String token = again.token(ServerProcess.adminKey(dataDir));
            for (String id : createdIds) {
                assertThat(again.call("GET", "/v1/serviceids/" + id, token, null, Map.of()).status())
                        .as("service ID %s created during the drain", id).isEqualTo(200);
            }
            ServerProcess.Answer key = again.call("GET", "/v1/apikeys/" + keyId + "?include_activity=true", token, null, Map.of());
            assertThat(key.body().path("activity").path("authn_count").asLong())
                    .as("uses of the key during the drain, written at shutdown").isEqualTo(SLOW_TOKENS);
        }
    }

    @Test
    void requestsStillRunningAtTheTimeoutAreCutOffAndTheProcessExits() throws Exception {
        Path dataDir = newDataDir();
        try (ServerProcess server = ServerProcess.start(dataDir, List.of("--shutdown-timeout", "2"))) {
            String token = server.token(ServerProcess.adminKey(dataDir));
            SlowRequest never = SlowRequest.open(server.port(), "POST", "/v1/serviceids", "application/json",
                    Map.of("Authorization", "Bearer " + token), serviceId(accountOf(token), "never-finished"));
            NotificationTestKit.await("the server to be reading the request", Duration.ofSeconds(10),
                    () -> inFlight(server) == 1);
            long signalled = System.nanoTime();
            server.terminate();
            Integer status = server.awaitExit(Duration.ofSeconds(15));
            Duration took = Duration.ofNanos(System.nanoTime() - signalled);
            assertThat(status).isEqualTo(0);
            assertThat(took).as("signal to exit with --shutdown-timeout 2").isGreaterThan(Duration.ofMillis(1_900))
                    .isLessThan(Duration.ofSeconds(10));
            assertThatThrownBy(never::answer).as("the request cut off").isInstanceOf(IOException.class);
            List<String> log = Files.readAllLines(server.log).stream().filter(l -> !l.isBlank()).toList();
            assertThat(log).anyMatch(l -> l.contains("1 request(s) still running after 2 s were cut off"));
            assertThat(log.getLast()).contains("Latchkey stopped");
        }
    }

    @Test
    void aPortInUseIsOneSentence() throws Exception {
        Path dir = newDataDir().getParent();
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();
            ServerProcess.Run run = ServerProcess.run(dir, List.of("serve", "--port", Integer.toString(port),
                    "--data-dir", dir.resolve("data").toString()), Duration.ofSeconds(60));
            assertThat(run.status()).isEqualTo(1);
            assertThat(run.err()).isEqualTo("latchkey: Port " + port
                    + " on 127.0.0.1 is already in use by another process; stop it or choose another --port.\n");
            assertNoStackTrace(run);
        }
    }

    @Test
    void anUnreachableDatabaseIsOneSentence() throws Exception {
        Path dir = newDataDir().getParent();
        int closed;
        try (ServerSocket free = new ServerSocket(0)) {
            closed = free.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + closed + "/test";
        ServerProcess.Run run = ServerProcess.run(dir, List.of("serve", "--data-dir", dir.resolve("data").toString(),
                "--db-url", url + "?password=never-shown-anywhere", "--db-user", "postgres"), Duration.ofSeconds(60));
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("latchkey: Cannot reach the database at " + url
                + " (connection refused; tried for 10 s).\n");
        assertThat(run.out() + run.err()).doesNotContain("never-shown-anywhere");
        assertNoStackTrace(run);
    }

    /** The main port's requests in flight, from the management port's metrics. */
    private static double inFlight(ServerProcess server) {
        return Scrape.parse(management(server, "/metrics").body()).value("latchkey_http_requests_in_flight");
    }

    private static int managementReadiness(ServerProcess server) {
        return management(server, "/health/ready").statusCode();
    }

    /** {@link ServerProcess#management}, for a condition polled by {@link NotificationTestKit#await}. */
    private static HttpResponse<String> management(ServerProcess server, String path) {
        try {
            return server.management(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void assertNoStackTrace(ServerProcess.Run run) {
        String all = run.out() + run.err();
        assertThat(all).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("ERROR");
    }

    private static Path newDataDir() throws IOException {
        Path dataDir = Files.createTempDirectory("latchkey-shutdown").resolve("data");
        Files.createDirectories(dataDir);
        return dataDir;
    }

    private static String serviceId(String account, String name) {
        return "{\"account_id\":\"" + account + "\",\"name\":\"" + name + "\",\"apikey\":{\"name\":\"k-" + name + "\"}}";
    }

    private static String accountOf(String token) throws IOException {
        JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
        return claims.path("account").path("bss").asText();
    }

    /** A request whose body is sent in two halves: the server is working on it (reading it) in between. */
    private static final class SlowRequest {
        private final Socket socket;
        private final byte[] rest;
        private final long openedAt = System.nanoTime();
        private long finishedAt;

        private SlowRequest(Socket socket, byte[] rest) {
            this.socket = socket;
            this.rest = rest;
        }

        static SlowRequest open(int port, String method, String path, String type, Map<String, String> headers,
                                String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: latchkey\r\nContent-Type: "
                    + type + "\r\nContent-Length: " + bytes.length + "\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            head.append("\r\n");
            Socket socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            int half = bytes.length / 2;
            out.write(bytes, 0, half);
            out.flush();
            byte[] rest = new byte[bytes.length - half];
            System.arraycopy(bytes, half, rest, 0, rest.length);
            return new SlowRequest(socket, rest);
        }

        void finish() throws IOException {
            finishedAt = System.nanoTime();
            socket.getOutputStream().write(rest);
            socket.getOutputStream().flush();
        }

        /** From the first half of the body to the second, or to now when the second was not sent. */
        long heldMillis() {
            return ((finishedAt == 0 ? System.nanoTime() : finishedAt) - openedAt) / 1_000_000;
        }

        /** The answer; a failure says how long the body was held, which the server's slow-client guard bounds. */
        Reply answer() throws IOException {
            try (socket) {
                return Reply.read(socket.getInputStream());
            } catch (IOException e) {
                throw new IOException(e.getMessage() + " (its body held " + heldMillis() + " ms)", e);
            }
        }
    }

    /** One HTTP/1.1 answer, read whole: it must be complete (its Content-Length or chunks), or this throws. */
    private record Reply(int status, Map<String, String> headers, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }

        static Reply exchange(Socket socket, String request) throws IOException {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        }

        static Reply read(InputStream in) throws IOException {
            String statusLine = line(in);
            if (statusLine == null) {
                throw new IOException("the connection closed before an answer");
            }
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                headers.put(header.substring(0, colon).strip().toLowerCase(Locale.ROOT), header.substring(colon + 1).strip());
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                for (int size = Integer.parseInt(line(in).strip(), 16); size > 0; size = Integer.parseInt(line(in).strip(), 16)) {
                    body.write(exactly(in, size));
                    line(in);
                }
                line(in);
            } else {
                body.write(exactly(in, Integer.parseInt(headers.getOrDefault("content-length", "0"))));
            }
            return new Reply(status, headers, body.toString(StandardCharsets.UTF_8));
        }

        private static byte[] exactly(InputStream in, int n) throws IOException {
            byte[] bytes = in.readNBytes(n);
            if (bytes.length < n) {
                throw new IOException("answer cut short: " + bytes.length + " of " + n + " bytes");
            }
            return bytes;
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    String text = line.toString(StandardCharsets.US_ASCII);
                    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
                }
                line.write(b);
            }
            if (line.size() > 0) {
                throw new IOException("answer cut short in a line");
            }
            return null;
        }
    }

    /**
     * Token exchanges on fresh connections ({@code Connection: close}), until stopped. Each is answered whole,
     * refused at connect (the drain closed the listening socket), or broken: an answer cut short, or a failure on a
     * connection made before the signal (the server had accepted it).
     */
    private static final class Load {
        final AtomicLong signalledAt = new AtomicLong(Long.MAX_VALUE);
        final Map<Integer, AtomicInteger> statuses = new java.util.concurrent.ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<String> broken = new ConcurrentLinkedQueue<>();
        final AtomicInteger refused = new AtomicInteger();
        final AtomicInteger answeredBefore = new AtomicInteger();
        final AtomicInteger answeredAfter = new AtomicInteger();
        final List<Thread> threads = new ArrayList<>();
        volatile boolean running = true;

        static Load start(int port, String apikey) {
            Load load = new Load();
            byte[] body = ("grant_type=urn:ibm:params:oauth:grant-type:apikey&apikey=" + TestServer.enc(apikey))
                    .getBytes(StandardCharsets.UTF_8);
            byte[] request = ("POST /identity/token HTTP/1.1\r\nHost: latchkey\r\nConnection: close\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length + "\r\n\r\n"
                    + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            for (int t = 0; t < LOAD_THREADS; t++) {
                load.threads.add(Thread.ofPlatform().daemon().start(() -> load.run(port, request)));
            }
            return load;
        }

        private void run(int port, byte[] request) {
            while (running) {
                Socket socket = new Socket();
                try {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
                } catch (IOException e) {
                    refused.incrementAndGet();
                    close(socket);
                    pause();
                    continue;
                }
                long connectedAt = System.nanoTime();
                try (socket) {
                    socket.setSoTimeout(30_000);
                    socket.getOutputStream().write(request);
                    socket.getOutputStream().flush();
                    Reply reply = Reply.read(socket.getInputStream());
                    statuses.computeIfAbsent(reply.status, s -> new AtomicInteger()).incrementAndGet();
                    (connectedAt < signalledAt.get() ? answeredBefore : answeredAfter).incrementAndGet();
                } catch (IOException e) {
                    if (connectedAt < signalledAt.get() || e.getMessage() != null && e.getMessage().contains("cut short")) {
                        broken.add(e.toString());
                    } else {
                        refused.incrementAndGet(); // connected as the listening socket closed: reset unanswered
                    }
                }
            }
        }

        private static void close(Socket socket) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing was open
            }
        }

        private static void pause() {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void stop() throws InterruptedException {
            running = false;
            for (Thread thread : threads) {
                thread.join(35_000);
            }
        }
    }
}
