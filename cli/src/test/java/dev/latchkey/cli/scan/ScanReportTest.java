package dev.latchkey.cli.scan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.latchkey.cli.CliRun;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.Profile;
import dev.latchkey.cli.ProfileStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanReportTest {
    private static final String PROFILE_KEY = "lk_profile_key_of_the_person_running_the_scan";

    @TempDir
    Path config;

    @TempDir
    Path tree;

    LeakIntakeServer server;

    private final List<String> secrets = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = new LeakIntakeServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void reportPostsTheKeysInThePartnerFormatWithTheProfilesTokenAndPrintsEachAnswer() throws IOException {
        logIn();
        String leaked = secret(TestKeys.apiKey());
        String unknown = secret(TestKeys.apiKey());
        server.known().add(leaked);
        Path yaml = write("deploy/app.yaml", "service:\n  apikey: " + leaked + "\n");
        Path spaced = write("my notes.txt", "old key " + unknown + "\nand an invitation " + secret(TestKeys.invitation()) + "\n");

        CliRun run = scan(tree.toString(), "--report");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(server.requests()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.authorization()).isEqualTo("Bearer " + LeakIntakeServer.ACCESS_TOKEN);
            assertThat(request.contentType()).startsWith("application/json");
            ArrayNode expected = JsonNodeFactory.instance.arrayNode();
            expected.addObject().put("token", leaked).put("type", "latchkey_api_key")
                    .put("url", "file://" + yaml + "#L2").put("source", "latchkey-scan");
            expected.addObject().put("token", unknown).put("type", "latchkey_api_key")
                    .put("url", "file://" + tree.toString().replace(" ", "%20") + "/my%20notes.txt#L1")
                    .put("source", "latchkey-scan");
            assertThat(request.json()).isEqualTo(expected);
        });
        assertThat(run.out()).isEqualTo(String.join("\n",
                yaml + ":2: " + leaked.substring(0, 7) + "… (Latchkey API key)",
                spaced + ":1: " + unknown.substring(0, 7) + "… (Latchkey API key)",
                spaced + ":2: lkinv_" + run.out().split("lkinv_")[1].substring(0, 4) + "… (Latchkey invitation token)",
                "Reported 2 API keys to " + server.url() + ": 1 false_positive, 1 true_positive.",
                yaml + ":2: " + leaked.substring(0, 7) + "… true_positive",
                spaced + ":1: " + unknown.substring(0, 7) + "… false_positive",
                ""));
        assertThat(run.err()).isEqualTo("latchkey: 1 invitation token was not reported: the leak intake takes API keys only\n");
        assertNoSecretIn(run);
    }

    @Test
    void reportSendsAtMost1000KeysPerRequest() throws IOException {
        logIn();
        StringBuilder content = new StringBuilder();
        for (int i = 0; i < LeakReporter.BATCH_SIZE + 1; i++) {
            String key = TestKeys.apiKey();
            server.known().add(key);
            content.append("key ").append(i).append(": ").append(key).append('\n');
        }
        write("many.txt", content.toString());

        CliRun run = scan(tree.toString(), "--report");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(server.requests()).extracting(request -> request.json().size()).containsExactly(1000, 1);
        assertThat(server.requests().get(1).json().get(0).get("url").asText()).endsWith("/many.txt#L1001");
        assertThat(run.out()).contains("Reported 1001 API keys to " + server.url() + ": 1001 true_positive.\n");
        assertThat(run.out()).doesNotContain("(no answer)");
    }

    @Test
    void reportMatchesAnswersThatNameTokensByTheirHash() throws IOException {
        logIn();
        server.answerWithHashes();
        String leaked = secret(TestKeys.apiKey());
        String unknown = secret(TestKeys.apiKey());
        server.known().add(leaked);
        Path file = write("keys.env", "A=" + unknown + "\nB=" + leaked + "\n");

        CliRun run = scan(file.toString(), "--report");

        assertThat(run.out()).contains(
                file + ":1: " + unknown.substring(0, 7) + "… false_positive\n",
                file + ":2: " + leaked.substring(0, 7) + "… true_positive\n");
        assertNoSecretIn(run);
    }

    @Test
    void reportWithJsonOutputAddsTheServersLabelToEachFinding() throws IOException {
        logIn();
        String leaked = secret(TestKeys.apiKey());
        server.known().add(leaked);
        Path file = write("keys.json", "{\"a\":\"" + leaked + "\",\"b\":\"" + secret(TestKeys.invitation()) + "\"}\n");

        CliRun run = scan(file.toString(), "--report", "--output", "json");

        JsonNode findings = Json.parse(run.out());
        assertThat(findings).hasSize(2);
        assertThat(findings.get(0).get("label").asText()).isEqualTo("true_positive");
        assertThat(findings.get(1).get("label").isNull()).isTrue();
        assertThat(findings.get(0).get("column").asInt()).isEqualTo(7);
        assertNoSecretIn(run);
    }

    @Test
    void reportOfACleanTreeSendsNothingAndNeedsNoLogin() throws IOException {
        write("clean.txt", "nothing here\n");

        CliRun run = scan(tree.toString(), "--report");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEmpty();
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void reportWhenNotLoggedInStillListsTheKeysAndSaysHowToLogIn() throws IOException {
        String key = secret(TestKeys.apiKey());
        Path file = write("app.properties", "apikey=" + key + "\n");

        CliRun run = scan(file.toString(), "--report");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEqualTo(file + ":1: " + key.substring(0, 7) + "… (Latchkey API key)\n");
        assertThat(run.err()).startsWith("latchkey: reporting failed: not logged in: run 'latchkey login");
        assertNoSecretIn(run);
    }

    @Test
    void reportWhenTheServerRefusesSaysSoWithTheStatus() throws IOException {
        logIn();
        server.failWith(404);
        String key = secret(TestKeys.apiKey());
        Path file = write("app.properties", "apikey=" + key + "\n");

        CliRun run = scan(file.toString(), "--report");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEqualTo(file + ":1: " + key.substring(0, 7) + "… (Latchkey API key)\n");
        assertThat(run.err()).isEqualTo("latchkey: reporting failed: No leak intake here. (HTTP 404, BXNIM0102E)\n");
        assertNoSecretIn(run);
    }

    private void logIn() {
        new ProfileStore(config).save(new Profile(server.url(), PROFILE_KEY, null, null));
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

    private Path write(String relative, String content) throws IOException {
        Path file = tree.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private void assertNoSecretIn(CliRun run) {
        for (String secret : secrets) {
            assertThat(run.out()).doesNotContain(secret);
            assertThat(run.err()).doesNotContain(secret);
        }
        assertThat(run.out() + run.err()).doesNotContain(PROFILE_KEY).doesNotContain(LeakIntakeServer.ACCESS_TOKEN);
    }
}
