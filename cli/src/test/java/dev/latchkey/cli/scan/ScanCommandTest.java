package dev.latchkey.cli.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.cli.CliRun;
import dev.latchkey.cli.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanCommandTest {
    @TempDir
    Path config;

    @TempDir
    Path tree;

    @TempDir
    Path outside;

    /** Every token written into a file; none may ever be printed whole. */
    private final List<String> secrets = new ArrayList<>();

    private String env;
    private String yaml;
    private String json;
    private String source;
    private String invitation;

    @BeforeEach
    void writeTree() throws IOException {
        env = secret(TestKeys.apiKey());
        yaml = secret(TestKeys.apiKey());
        json = secret(TestKeys.apiKey());
        source = secret(TestKeys.apiKey());
        invitation = secret(TestKeys.invitation());
        write(".env", "LATCHKEY_APIKEY=" + env + "\r\n");
        write("app.yaml", "service:\n  apikey: " + yaml + "\n");
        write("config.json", "{\"name\": \"deploy\", \"apikey\": \"" + json + "\"}\n");
        write("src/Main.java", "class Main {\n    static final String KEY = \"" + source + "\";\n}\n");
        write("notes.md", "Your invitation: " + invitation + "\n");
    }

    @Test
    void scanPrintsWhereEachKeyIsWithItsDisplayPrefixOnlyAndExits1() {
        CliRun run = scan(tree.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEqualTo(String.join("\n",
                tree.resolve(".env") + ":1: " + env.substring(0, 7) + "… (Latchkey API key)",
                tree.resolve("app.yaml") + ":2: " + yaml.substring(0, 7) + "… (Latchkey API key)",
                tree.resolve("config.json") + ":1: " + json.substring(0, 7) + "… (Latchkey API key)",
                tree.resolve("notes.md") + ":1: " + invitation.substring(0, 10) + "… (Latchkey invitation token)",
                tree.resolve("src/Main.java") + ":2: " + source.substring(0, 7) + "… (Latchkey API key)",
                ""));
        assertThat(run.err()).isEmpty();
        assertNoSecretIn(run);
    }

    @Test
    void scanWithJsonOutputGivesFileLineColumnDisplayPrefixAndKind() throws IOException {
        CliRun run = scan(tree.resolve("config.json").toString(), tree.resolve("notes.md").toString(), "--output", "json");

        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode findings = Json.parse(run.out());
        assertThat(findings.isArray()).isTrue();
        assertThat(findings).hasSize(2);
        JsonNode key = findings.get(0);
        assertThat(key.get("file").asText()).isEqualTo(tree.resolve("config.json").toString());
        assertThat(key.get("line").asInt()).isEqualTo(1);
        assertThat(key.get("column").asInt()).isEqualTo(Files.readString(tree.resolve("config.json")).indexOf(json) + 1);
        assertThat(key.get("display_prefix").asText()).isEqualTo(json.substring(0, 7) + "…");
        assertThat(key.get("kind").asText()).isEqualTo("Latchkey API key");
        assertThat(findings.get(1).get("kind").asText()).isEqualTo("Latchkey invitation token");
        assertThat(findings.get(1).get("column").asInt()).isEqualTo(18);
        assertNoSecretIn(run);
    }

    @Test
    void scanSkipsGitTargetNodeModulesBinaryFilesAndSymbolicLinks() throws IOException {
        Path clean = Files.createDirectory(outside.resolve("clean"));
        String hidden = secret(TestKeys.apiKey());
        writeIn(clean, ".git/config", "[remote]\n  token = " + hidden + "\n");
        writeIn(clean, "target/classes/app.properties", "apikey=" + hidden + "\n");
        writeIn(clean, "web/node_modules/lib/index.js", "const k = '" + hidden + "';\n");
        byte[] binary = ("\u0000PNG\u0000" + hidden).getBytes(StandardCharsets.US_ASCII);
        Files.write(clean.resolve("image.png"), binary);
        Path linked = writeIn(outside, "elsewhere/secret.txt", hidden + "\n");
        Files.createSymbolicLink(clean.resolve("link.txt"), linked);
        Files.createSymbolicLink(clean.resolve("linked-dir"), linked.getParent());
        writeIn(clean, "README.md", "No keys here, only lk_ and lkinv_ mentioned.\n");

        CliRun run = scan(clean.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEmpty();
    }

    @Test
    void scanOfAFileNamedOnTheCommandLineLooksInsideSkippedDirectoryNames() throws IOException {
        String key = secret(TestKeys.apiKey());
        Path file = writeIn(outside, "target/app.properties", "apikey=" + key + "\n");

        CliRun run = scan(file.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains(file + ":1: " + key.substring(0, 7) + "…");
    }

    @Test
    void scanOfASymbolicLinkNamedOnTheCommandLineSaysItWasSkipped() throws IOException {
        Path linked = writeIn(outside, "real.txt", secret(TestKeys.apiKey()) + "\n");
        Path link = Files.createSymbolicLink(outside.resolve("link.txt"), linked);

        CliRun run = scan(link.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEqualTo("latchkey: skipped " + link + ": a symbolic link (links are not followed)\n");
    }

    @Test
    void scanSkipsFilesOver10MiBAndSaysSo() throws IOException {
        Path big = outside.resolve("dump.sql");
        try (OutputStream out = Files.newOutputStream(big)) {
            out.write((secret(TestKeys.apiKey()) + "\n").getBytes(StandardCharsets.US_ASCII));
            byte[] line = "insert into t values (1);\n".getBytes(StandardCharsets.US_ASCII);
            for (long written = 0; written <= PathScanner.MAX_FILE_SIZE; written += line.length) {
                out.write(line);
            }
        }

        CliRun run = scan(outside.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("latchkey: skipped " + big + ": larger than 10 MiB\n");
    }

    @Test
    void scanIgnoresNearMissesAndRandomLookAlikes() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.addAll(TestKeys.nearMisses(secret(TestKeys.apiKey())));
        lines.addAll(TestKeys.nearMisses(secret(TestKeys.invitation())));
        lines.addAll(TestKeys.lookAlikes("lk", 500, 7L));
        lines.addAll(TestKeys.lookAlikes("lkinv", 500, 8L));
        Path file = writeIn(outside, "candidates.txt", String.join("\n", lines) + "\n");

        CliRun run = scan(file.toString());

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).isEmpty();
    }

    @Test
    void scanOfACleanTreeExits0() throws IOException {
        Path file = writeIn(outside, "clean.txt", "nothing to see\n");

        CliRun run = scan(file.toString(), outside.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEmpty();
    }

    @Test
    void scanOfAMissingPathSaysWhichAndExits2AfterScanningTheRest() {
        Path missing = outside.resolve("no-such-file.txt");

        CliRun run = scan(missing.toString(), tree.resolve("app.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("latchkey: cannot read " + missing + ": no such file or directory\n");
        assertThat(run.out()).contains(tree.resolve("app.yaml") + ":2: ");
        assertNoSecretIn(run);
    }

    @Test
    void scanOfAnUnreadableFileSaysWhichAndExits2() throws IOException {
        Path locked = writeIn(outside, "locked.txt", "x\n");
        assertThat(locked.toFile().setReadable(false)).isTrue();
        Assumptions.assumeFalse(Files.isReadable(locked), "running as root: permissions not enforced");

        CliRun run = scan(outside.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("latchkey: cannot read " + locked + ": permission denied\n");
    }

    @Test
    void scanOfAFileThatFailsToReadSaysWhyAndExits2() {
        // Linux: /proc/self/mem is a regular file whose first page cannot be read; works when running as root too.
        Path failing = Path.of("/proc/self/mem");
        Assumptions.assumeTrue(Files.isRegularFile(failing), "needs Linux /proc");

        CliRun run = scan(failing.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("latchkey: cannot read /proc/self/mem: ").hasLineCount(1);
    }

    @Test
    void scanWithoutPathIsAUsageError() {
        CliRun run = scan();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required parameter", "PATH");
    }

    @Test
    void scanWithAnInvalidPrefixOrOutputIsAUsageError() {
        CliRun prefix = scan(tree.toString(), "--prefix", "LK");
        CliRun output = scan(tree.toString(), "--output", "yaml");

        assertThat(prefix.exitCode()).isEqualTo(2);
        assertThat(prefix.err()).contains("--prefix", "'LK'");
        assertThat(output.exitCode()).isEqualTo(2);
        assertThat(output.err()).contains("--output");
        assertThat(prefix.out() + output.out()).isEmpty();
    }

    @Test
    void scanWithAnotherPrefixFindsThatServersKeysAndInvitations() throws IOException {
        String acme = secret(TestKeys.key("acme"));
        Path file = writeIn(outside, "mixed.txt", acme + "\n" + secret(TestKeys.apiKey()) + "\n");

        CliRun run = scan(file.toString(), "--prefix", "acme");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEqualTo(file + ":1: " + acme.substring(0, 9) + "… (Latchkey API key)\n");
        assertThat(scan(tree.resolve("notes.md").toString(), "--prefix", "acme").out()).contains("invitation token");
    }

    @Test
    void scanControlCharactersInFileNamesCannotForgeOutputLines() throws IOException {
        String key = secret(TestKeys.apiKey());
        Path file = writeIn(outside, "evil\nclean.txt:1: nothing", key + "\n");

        CliRun run = scan(file.toString());

        assertThat(run.out().lines()).hasSize(1);
        assertThat(run.out()).startsWith(outside + "/evil clean.txt:1: nothing:1: ");
    }

    private CliRun scan(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "scan";
        System.arraycopy(args, 0, command, 1, args.length);
        return CliRun.run(config, "", command);
    }

    private String secret(String token) {
        secrets.add(token);
        return token;
    }

    private void write(String relative, String content) throws IOException {
        writeIn(tree, relative, content);
    }

    private static Path writeIn(Path root, String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private void assertNoSecretIn(CliRun run) {
        for (String secret : secrets) {
            assertThat(run.out()).doesNotContain(secret);
            assertThat(run.err()).doesNotContain(secret);
        }
    }
}
