package dev.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.app.support.LatchkeyCli;
import dev.latchkey.app.support.LatchkeyCli.Run;
import dev.latchkey.app.support.NotificationTestKit;
import dev.latchkey.app.support.Population;
import dev.latchkey.app.support.TestServer;
import dev.latchkey.app.support.WebhookReceiver;
import dev.latchkey.store.Postgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export} and {@code import} as an operator runs them (the command line, in process), on real servers and
 * databases: an embedded H2 database moved to PostgreSQL with every key still working, the file's secrecy, and
 * every refusal (a damaged, truncated, foreign or newer file, a target that is not empty) in one sentence with
 * nothing written.
 */
class BackupTest {
    @TempDir
    Path work;
    TestServer server;
    WebhookReceiver receiver;
    final LatchkeyCli cli = new LatchkeyCli(Path.of("target", "backup-test-profile"));

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
    void anEmbeddedDatabaseMovesToPostgresWithEveryKeyWorking() throws Exception {
        receiver = new WebhookReceiver();
        ServerConfig embedded = TestServer.config(false).withNotifications(NotificationTestKit.driven());
        server = TestServer.start(embedded);
        Population made = Population.of(server, receiver);
        Map<String, String> before = listings(made);

        server.wiring.flushActivity(); // the keys' uses so far, per day too (api_key_usage)
        Path file = work.resolve("latchkey-export.jsonl.gz");
        Run exported = cli.run("export", "--file", file.toString(), "--data-dir", embedded.dataDir().toString());
        assertThat(exported.exit()).as("while the server runs: " + exported.err()).isZero();
        assertThat(exported.out()).matches("Exported \\d+ rows of \\d+ tables \\(schema version \\d+\\) to \\S+\\.\\R");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String text = read(file);
        for (String secret : made.secrets()) {
            assertThat(text).as("no secret in the file").doesNotContain(secret);
        }
        assertThat(text).contains("\"table\":\"api_keys\"").contains("\"sealed_value\":\"");
        assertThat(text).as("daily usage goes with the keys").contains("\"table\":\"api_key_usage\"");
        server.close();
        server = null;

        Path dataDir = Files.createDirectories(work.resolve("postgres-node"));
        Files.copy(embedded.dataDir().resolve(MasterKey.FILE), dataDir.resolve(MasterKey.FILE));
        String url = Postgres.freshSchemaUrl();
        String[] target = {"--data-dir", dataDir.toString(), "--db-url", url, "--db-user", Postgres.USER};
        Run imported = cli.run(concat(new String[] {"import", "--file", file.toString()}, target));
        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.out()).startsWith("Imported ").contains("exported from H2");

        Path again = work.resolve("from-postgres.jsonl");
        assertThat(cli.run(concat(new String[] {"export", "--file", again.toString()}, target)).exit()).isZero();
        assertThat(rows(again)).as("every row, value for value").containsExactlyInAnyOrderElementsOf(rows(file));
        String[] backToH2 = {"--data-dir", work.resolve("embedded-again").toString()};
        assertThat(cli.run(concat(new String[] {"import", "--file", again.toString()}, backToH2)).exit()).isZero();
        Path third = work.resolve("from-h2-again.jsonl");
        assertThat(cli.run(concat(new String[] {"export", "--file", third.toString()}, backToH2)).exit()).isZero();
        assertThat(rows(third)).as("and back to H2").containsExactlyInAnyOrderElementsOf(rows(file));

        server = TestServer.startExisting(ServerConfig.defaults(dataDir).withPort(0).withDatabase(url, Postgres.USER, null)
                .withNotifications(NotificationTestKit.driven()));
        assertThat(listings(made)).isEqualTo(before);
        made.assertEverySecretWorks(server, receiver);
        String token = server.token(made.adminKey());
        assertThat(server.post("/v1/apikeys", token, "{\"name\":\"after the move\",\"iam_id\":\"" + made.ownerIamId()
                + "\"}").status()).as("new history rows are numbered after the imported ones").isEqualTo(201);
    }

    /** What the API lists, with this server's own address taken out (paging and policy links carry it). */
    private Map<String, String> listings(Population made) {
        String token = server.token(made.adminKey());
        String account = made.accountId();
        Map<String, String> lists = new LinkedHashMap<>();
        for (String path : List.of("/v1/apikeys?scope=account&pagesize=100", "/v1/serviceids?account_id=" + account,
                "/v1/policies?account_id=" + account, "/v2/accounts/" + account + "/users",
                "/v1/accounts/" + account + "/settings/identity", "/v1/accounts/" + account + "/notification_endpoints",
                "/v1/apikeys/" + made.storedKeyId() + "?include_history=true")) {
            TestServer.Answer answer = server.get(path, token);
            assertThat(answer.status()).as(path + ": " + answer.raw()).isEqualTo(200);
            lists.put(path, answer.raw().replace(server.url, "URL"));
        }
        return lists;
    }

    @Test
    void damagedForeignAndNewerFilesAndAFullTargetAreRefusedInOneSentenceWithNothingWritten() throws Exception {
        server = TestServer.start(TestServer.config(false).withNotifications(NotificationTestKit.driven()));
        Population.of(server, receiver = new WebhookReceiver());
        Path file = work.resolve("backup.jsonl");
        String[] source = {"--data-dir", server.dataDir.toString()};
        assertThat(cli.run(concat(new String[] {"export", "--file", file.toString()}, source)).exit()).isZero();
        Run again = cli.run(concat(new String[] {"export", "--file", file.toString()}, source));
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).isEqualTo("latchkey: " + file + " already exists; give --force to replace it."
                + System.lineSeparator());
        assertThat(cli.run(concat(new String[] {"export", "--file", file.toString(), "--force"}, source)).exit())
                .isZero();
        Path nowhere = work.resolve("mistyped-data-dir");
        assertRefused(cli.run("export", "--file", work.resolve("empty.jsonl").toString(), "--data-dir",
                nowhere.toString()), "There is no database in " + nowhere + " (no latchkey.mv.db): give the "
                + "--data-dir of the node, or its --db-url.");
        assertThat(nowhere).as("no empty database made").doesNotExist();
        server.close();
        server = null;

        List<String> lines = Files.readAllLines(file);
        String header = lines.getFirst();
        String[] target = {"--data-dir", work.resolve("target-node").toString()};
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put(String.join("\n", lines.subList(0, lines.size() - 1)) + "\n",
                "it ends at line " + (lines.size() - 1) + " without its end line (truncated)");
        String whole = String.join("\n", lines) + "\n";
        refusals.put(whole.substring(0, whole.indexOf('\n', whole.length() / 2) - 5), "is not JSON"); // mid-line
        refusals.put(whole.replaceFirst("\"name\":\"laptop\"", "\"name\":\"lapt0p\""),
                "its checksum does not match its lines (the file was altered or damaged)");
        refusals.put(whole.replace(header, header.replaceFirst("\"schema_version\":\"\\d+\"",
                "\"schema_version\":\"999\"")), "was written at schema version 999, newer than this Latchkey's");
        refusals.put("id,name\n1,laptop\n", "it is not a Latchkey export (its first line is not an export header)");
        refusals.put(whole + whole.lines().skip(1).findFirst().orElseThrow() + "\n", "there are lines after its end line");
        // Files whose end line is made anew, as a hand that edits a file would, to reach the checks behind the digest
        List<String> body = lines.subList(0, lines.size() - 1);
        int firstKey = indexOf(body, "{\"table\":\"api_keys\"");
        int firstAccount = indexOf(body, "{\"table\":\"accounts\"");
        long keys = TestServer.JSON.readTree(header).at("/tables/api_keys").asLong();
        refusals.put(withEnd(replaced(body, 0, counting(header, "api_keys", keys + 1))), "it holds " + keys
                + " rows of table api_keys where its header counts " + (keys + 1));
        refusals.put(withEnd(replaced(body, firstKey, body.get(firstKey).replace("\"locked\":false",
                "\"locked\":\"no\""))), "line " + (firstKey + 1) + ": column api_keys.locked must be true or false");
        refusals.put(withEnd(replaced(body, firstAccount, body.get(firstAccount).replace("\"row\":{",
                "\"row\":{\"surprise\":1,"))), "line " + (firstAccount + 1) + " has column surprise, which table "
                + "accounts does not have");
        List<String> reordered = new ArrayList<>(body);
        reordered.add(1, reordered.remove(reordered.size() - 1)); // a row of the last table first
        refusals.put(withEnd(reordered), "is a row of table accounts after rows of");
        List<String> twice = new ArrayList<>(body);
        twice.add(firstAccount, body.get(firstAccount));
        long accounts = TestServer.JSON.readTree(header).at("/tables/accounts").asLong();
        twice.set(0, counting(header, "accounts", accounts + 1));
        refusals.put(withEnd(twice), "The database refused a row of table accounts (a duplicate key), so nothing "
                + "was imported.");
        int n = 0;
        for (Map.Entry<String, String> refusal : refusals.entrySet()) {
            Path bad = work.resolve("bad-" + n++ + ".jsonl");
            Files.writeString(bad, refusal.getKey());
            assertRefused(cli.run(concat(new String[] {"import", "--file", bad.toString()}, target)), refusal.getValue());
        }
        Path gzip = work.resolve("cut.jsonl.gz");
        byte[] compressed = gzip(whole.getBytes(StandardCharsets.UTF_8));
        Files.write(gzip, Arrays.copyOf(compressed, compressed.length - 40));
        assertRefused(cli.run(concat(new String[] {"import", "--file", gzip.toString()}, target)),
                "its compressed data ends early (truncated)");

        Run good = cli.run(concat(new String[] {"import", "--file", file.toString()}, target));
        assertThat(good.exit()).as("every refusal left the target empty: " + good.err()).isZero();
        Path loaded = work.resolve("loaded.jsonl");
        assertThat(cli.run(concat(new String[] {"export", "--file", loaded.toString()}, target)).exit()).isZero();
        assertRefused(cli.run(concat(new String[] {"import", "--file", file.toString()}, target)),
                "The target database is not empty (table accounts has rows); import loads into an empty database "
                        + "only, so nothing was imported.");
        Path after = work.resolve("after.jsonl");
        assertThat(cli.run(concat(new String[] {"export", "--file", after.toString()}, target)).exit()).isZero();
        assertThat(rows(after)).as("the refused import wrote nothing").containsExactlyInAnyOrderElementsOf(rows(loaded));
        assertThat(rows(loaded)).containsExactlyInAnyOrderElementsOf(rows(file));
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starts with " + prefix);
    }

    /** The header with another row count for {@code table}. */
    private static String counting(String header, String table, long rows) throws IOException {
        ObjectNode node = (ObjectNode) TestServer.JSON.readTree(header);
        ((ObjectNode) node.get("tables")).put(table, rows);
        return node.toString();
    }

    private static List<String> replaced(List<String> lines, int index, String line) {
        List<String> copy = new ArrayList<>(lines);
        copy.set(index, line);
        return copy;
    }

    /** The header and rows, and an end line that matches them. */
    private static String withEnd(List<String> body) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        StringBuilder file = new StringBuilder();
        for (String line : body) {
            digest.update((line + "\n").getBytes(StandardCharsets.UTF_8));
            file.append(line).append('\n');
        }
        return file.append("{\"end\":{\"rows\":").append(body.size() - 1).append(",\"sha256\":\"")
                .append(HexFormat.of().formatHex(digest.digest())).append("\"}}\n").toString();
    }

    private static void assertRefused(Run run, String part) {
        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.err().lines().toList()).as("one line: " + run.err()).hasSize(1);
        assertThat(run.err()).startsWith("latchkey: ").contains(part).doesNotContain("Exception");
    }

    /** The row lines (neither the header nor the end line), which two exports of the same rows share. */
    private static List<String> rows(Path file) throws IOException {
        List<String> lines = read(file).lines().toList();
        return new ArrayList<>(lines.subList(1, lines.size() - 1));
    }

    private static String read(Path file) throws IOException {
        try (InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(file))
                : Files.newInputStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
