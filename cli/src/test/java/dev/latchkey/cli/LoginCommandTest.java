package dev.latchkey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LoginCommandTest {
    private static final String KEY = "lk_login_0123456789abcdefghijklmnopqrstu";
    private static final String ACCOUNT = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path config;

    StubIamServer server;

    @BeforeEach
    void start() throws IOException {
        server = new StubIamServer().issuesTokensFor("IBMid-110000AB1Z", ACCOUNT);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void loginWhenKeyWorksThenSavesTheProfileAndSaysWhoYouAre() throws IOException {
        CliRun run = CliRun.run(config, "", "login", "--apikey", KEY, "--url", server.url() + "/");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("Logged in to " + server.url() + " as IBMid-110000AB1Z in account " + ACCOUNT + ".\n");
        assertThat(run.out() + run.err()).doesNotContain(KEY);
        Profile profile = new ProfileStore(config).load().orElseThrow();
        assertThat(profile.apikey()).isEqualTo(KEY);
        assertThat(profile.accountId()).isNull();
        assertThat(profile.token().iamId()).isEqualTo("IBMid-110000AB1Z");
        Path file = config.resolve("profile.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void loginWithDashReadsTheKeyFromStdin() {
        CliRun run = CliRun.run(config, KEY + "\n", "login", "--apikey", "-", "--url", server.url());

        assertThat(run.exitCode()).isZero();
        assertThat(server.requests("POST", "/identity/token").get(0).body()).contains("apikey=" + KEY);
    }

    @Test
    void loginWithoutOptionThenTakesTheKeyFromTheEnvironment() {
        LoginCommand login = new LoginCommand(name -> name.equals("LATCHKEY_APIKEY") ? KEY : null);

        CliRun run = CliRun.run(new CommandLine(login), config, "", "--url", server.url(), "--account", ACCOUNT);

        assertThat(run.exitCode()).isZero();
        assertThat(server.requests("POST", "/identity/token").get(0).body()).endsWith("&account=" + ACCOUNT);
        assertThat(new ProfileStore(config).load().orElseThrow().accountId()).isEqualTo(ACCOUNT);
    }

    @Test
    void loginWithoutAnyKeyIsAUsageError() {
        LoginCommand login = new LoginCommand(name -> null);

        CliRun run = CliRun.run(new CommandLine(login), config, "", "--url", server.url());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing API key");
    }

    @Test
    void loginWhenKeyIsRejectedThenReportsTheServerMessageAndSavesNothing() {
        server.on("POST", "/identity/token", 400, "{\"errorCode\":\"BXNIM0415E\","
                + "\"errorMessage\":\"Provided API key could not be found.\",\"errorDetails\":\"details\"}");

        CliRun run = CliRun.run(config, "", "login", "--apikey", KEY, "--url", server.url());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("latchkey: Provided API key could not be found. (HTTP 400, BXNIM0415E)\n");
        assertThat(run.err()).doesNotContain(KEY);
        assertThat(new ProfileStore(config).load()).isEmpty();
    }

    @Test
    void loginWithInvalidUrlIsAUsageError() {
        CliRun run = CliRun.run(config, "", "login", "--apikey", KEY, "--url", "localhost:8080");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--url").doesNotContain(KEY);
    }

    @Test
    void loginWithJsonOutputPrintsTheIdentity() {
        CliRun run = CliRun.run(config, "", "login", "--apikey", KEY, "--url", server.url(), "--output", "json");

        assertThat(Json.parse(run.out()).path("iam_id").asText()).isEqualTo("IBMid-110000AB1Z");
        assertThat(run.out()).doesNotContain(KEY);
    }
}
