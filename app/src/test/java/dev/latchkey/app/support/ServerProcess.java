package dev.latchkey.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The packaged server ({@code app/target/latchkey.jar}, built by {@code mvn package} before the integration tests)
 * as its own process, started the way an operator starts it, and stopped the way a crash stops it (SIGKILL) or
 * the way an orchestrator stops it (SIGTERM).
 */
public final class ServerProcess implements AutoCloseable {
    public static final Path JAR = Path.of("target", "latchkey.jar").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public final String url;
    /** The management port's URL ({@code /metrics}, health), or null when the server has none. */
    public final String managementUrl;
    /** Standard output, and standard error unless {@link #startApart} kept them apart. */
    public final Path log;
    /** Standard error when {@link #startApart} kept it apart, else null. */
    public final Path errors;
    private final Process process;

    private ServerProcess(Process process, String url, Integer managementPort, Path log, Path errors) {
        this.process = process;
        this.url = url;
        this.managementUrl = managementPort == null ? null : "http://127.0.0.1:" + managementPort;
        this.log = log;
        this.errors = errors;
    }

    /**
     * Starts {@code java -jar latchkey.jar serve} on a free port, and a free management port (unless {@code options}
     * choose one), with these options and waits until it is healthy.
     */
    public static ServerProcess start(Path dataDir, List<String> options) throws IOException, InterruptedException {
        return start(dataDir, options, Map.of(), false);
    }

    /**
     * As {@link #start(Path, List)}, with these environment variables added, and standard output ({@link #log})
     * kept apart from standard error ({@link #errors}), for a test that reads the log lines alone.
     */
    public static ServerProcess startApart(Path dataDir, List<String> options, Map<String, String> environment)
            throws IOException, InterruptedException {
        return start(dataDir, options, environment, true);
    }

    /**
     * As {@link #start(Path, List)}, the JVM started with {@code jvmOptions} before {@code -jar} (the shipped
     * options of {@code app/jvm.options}, a class data sharing archive), standard output kept apart from standard error.
     */
    public static ServerProcess startWithJvmOptions(Path dataDir, List<String> jvmOptions)
            throws IOException, InterruptedException {
        return start(dataDir, List.of(), Map.of(), true, jvmOptions);
    }

    private static ServerProcess start(Path dataDir, List<String> options, Map<String, String> environment,
                                       boolean apart) throws IOException, InterruptedException {
        return start(dataDir, options, environment, apart, List.of());
    }

    private static ServerProcess start(Path dataDir, List<String> options, Map<String, String> environment,
                                       boolean apart, List<String> jvmOptions) throws IOException, InterruptedException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: the integration tests run after 'mvn package'");
        }
        int port = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toString(), "serve",
                "--port", Integer.toString(port), "--data-dir", dataDir.toString()));
        Integer management = null;
        if (!options.contains("--management-port")) {
            management = freePort();
            command.addAll(List.of("--management-port", management.toString()));
        }
        command.addAll(options);
        Path log = Files.createTempFile(dataDir.getParent(), "serve-", ".log");
        Path errors = apart ? Files.createTempFile(dataDir.getParent(), "serve-", ".err") : null;
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(log.toFile());
        if (apart) {
            builder.redirectError(errors.toFile());
        } else {
            builder.redirectErrorStream(true);
        }
        builder.environment().remove("LATCHKEY_MASTER_KEY");
        builder.environment().putAll(environment);
        ServerProcess server = new ServerProcess(builder.start(), "http://127.0.0.1:" + port, management, log, errors);
        server.awaitHealthy(Duration.ofSeconds(60));
        return server;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Starts {@code java -jar latchkey.jar serve} with no flag at all, as a container image does with its
     * environment: {@code LATCHKEY_PORT} (a free port), {@code LATCHKEY_MANAGEMENT_PORT} (a free port, unless
     * {@code environment} sets it) and {@code environment} are all its configuration. Waits until it is healthy;
     * standard output and error kept apart, in {@code workDir}.
     */
    public static ServerProcess startFromEnvironment(Path workDir, Map<String, String> environment)
            throws IOException, InterruptedException {
        int port = freePort();
        String management = environment.getOrDefault("LATCHKEY_MANAGEMENT_PORT", Integer.toString(freePort()));
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = Files.createTempFile(workDir, "serve-", ".log");
        Path errors = Files.createTempFile(workDir, "serve-", ".err");
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", JAR.toString(), "serve").directory(workDir.toFile())
                .redirectOutput(log.toFile()).redirectError(errors.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("LATCHKEY_"));
        builder.environment().putAll(environment);
        builder.environment().put("LATCHKEY_PORT", Integer.toString(port));
        builder.environment().put("LATCHKEY_MANAGEMENT_PORT", management);
        ServerProcess server = new ServerProcess(builder.start(), "http://127.0.0.1:" + port,
                management.equals("0") ? null : Integer.valueOf(management), log, errors);
        server.awaitHealthy(Duration.ofSeconds(60));
        return server;
    }

    /** As {@link #run(Path, List, Duration)}, in {@code workDir}, with only {@code environment} of LATCHKEY_*. */
    public static Run run(Path workDir, List<String> args, Map<String, String> environment, Duration limit)
            throws IOException, InterruptedException {
        return run(workDir, args, environment, limit, true);
    }

    private void awaitHealthy(Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited: " + output());
            }
            try {
                if (call("GET", "/health", null, null, Map.of()).status() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        kill();
        throw new IllegalStateException("the server was not healthy within " + limit + ": " + output());
    }

    private String output() throws IOException {
        return Files.readString(log) + (errors == null ? "" : Files.readString(errors));
    }

    /** SIGTERM, as {@code docker stop} or Kubernetes sends it: the shutdown hook drains. Returns at once. */
    public void terminate() {
        process.destroy(); // SIGTERM on Linux
    }

    /** The exit status, or null when the process still runs after {@code limit}. */
    public Integer awaitExit(Duration limit) throws InterruptedException {
        return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    public int port() {
        return URI.create(url).getPort();
    }

    /**
     * The TCP ports the process listens on, from {@code /proc} (Linux): its socket descriptors matched against the
     * kernel's table of listening sockets.
     */
    public Set<Integer> listeningPorts() throws IOException {
        Set<String> sockets = new HashSet<>();
        try (var fds = Files.list(Path.of("/proc", Long.toString(process.pid()), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        sockets.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // a descriptor closed while listed
                }
            }
        }
        Set<Integer> ports = new TreeSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.strip().split("\\s+");
                // local_address is ADDR:PORT in hex; st 0A is LISTEN; the inode is the tenth field
                if (f[3].equals("0A") && sockets.contains(f[9])) {
                    ports.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }

    /** What a run of the packaged jar that ends by itself printed, and its exit status. */
    public record Run(int status, String out, String err) {
    }

    /**
     * Runs {@code java -jar latchkey.jar ARGS} to its end (a start that must fail), standard output and error
     * apart; fails when it is still running after {@code limit}. Without a management port unless {@code ARGS} or
     * the environment name one, so that a start is never refused because another server holds the default 9000.
     */
    public static Run run(Path workDir, List<String> args, Duration limit) throws IOException, InterruptedException {
        return run(workDir, args, Map.of(), limit, false);
    }

    private static Run run(Path workDir, List<String> args, Map<String, String> environment, Duration limit,
                           boolean onlyThese) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-jar", JAR.toString()));
        command.addAll(args);
        Path out = Files.createTempFile(workDir, "run-", ".out");
        Path err = Files.createTempFile(workDir, "run-", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("LATCHKEY_MASTER_KEY");
        if (onlyThese) {
            builder.directory(workDir.toFile()).environment().keySet().removeIf(name -> name.startsWith("LATCHKEY_"));
        }
        builder.environment().put("LATCHKEY_MANAGEMENT_PORT", "0");
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(args + " still ran after " + limit + ": " + Files.readString(out) + Files.readString(err));
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** SIGKILL, as a crash or the OOM killer would: no shutdown hook runs. Returns once the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    public record Answer(int status, JsonNode body, HttpResponse<String> response) {
        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    /** One request; an {@link IOException} means the server did not answer (it may have been killed meanwhile). */
    public Answer call(String method, String path, String token, String json, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(10))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String raw = response.body();
        return new Answer(response.statusCode(), raw == null || raw.isEmpty() ? null : JSON.readTree(raw), response);
    }

    /** {@code GET} of {@code path} on the management port, its body as text. */
    public HttpResponse<String> management(String path) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(managementUrl + path)).timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The token answer for an API key (200 with a token, or IBM's refusal). */
    public Answer exchange(String apikey) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/identity/token")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=urn:ibm:params:oauth:grant-type:apikey&apikey="
                        + TestServer.enc(apikey))).build();
        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), JSON.readTree(response.body()), response);
    }

    public String token(String apikey) throws IOException, InterruptedException {
        Answer answer = exchange(apikey);
        if (answer.status() != 200) {
            throw new AssertionError("no token: " + answer.body());
        }
        return answer.body().get("access_token").asText();
    }

    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    kill();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static String adminKey(Path dataDir) {
        try {
            return Files.readString(dataDir.resolve("admin-apikey.txt")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
