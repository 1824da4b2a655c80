package dev.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code latchkey serve} refuses a bad option value with one clear sentence and exit code 2, before starting. */
class ServeOptionsTest {

    private static String refusal(String... args) {
        CommandLine cli = Main.commandLine(args); // the command line main() uses for serve
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute(args)).isEqualTo(2);
        return err.toString().lines().findFirst().orElse("");
    }

    /** What a run of {@code args} writes to standard error, and its exit code, on the given command line. */
    private static String run(CommandLine cli, String... args) {
        StringWriter err = new StringWriter();
        StringWriter out = new StringWriter();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(out));
        int status = cli.execute(args);
        return status + "\n" + out + "\n" + err;
    }

    @Test
    void serveAloneAnswersAsServeAmongEveryCommand() {
        for (String[] args : new String[][] {{"serve", "--help"}, {"serve", "--no-such-option"},
                {"serve", "--port", "many"}, {"serve", "--log-format", "xml"}}) {
            assertThat(Main.commandLine(args).getSubcommands()).containsOnlyKeys("serve");
            assertThat(run(Main.commandLine(args), args)).as(String.join(" ", args))
                    .isEqualTo(run(Main.commandLine(), args));
        }
        assertThat(Main.commandLine(new String[] {"api-keys"}).getSubcommands()).containsKeys("serve", "migrate")
                .hasSizeGreaterThan(20);
        assertThat(Main.commandLine(new String[0]).getSubcommands()).hasSizeGreaterThan(20);
    }

    @Test
    void badSettingsAreRefused() {
        assertThat(refusal("serve", "--notification-retention", "0"))
                .isEqualTo("--notification-retention must be at least 1 day, not 0.");
        assertThat(refusal("serve", "--signing-threads", "-1"))
                .isEqualTo("--signing-threads must be auto or a number between 0 and 256, not '-1'.");
        assertThat(refusal("serve", "--signing-threads", "many"))
                .isEqualTo("--signing-threads must be auto or a number between 0 and 256, not 'many'.");
        assertThat(refusal("serve", "--db-pool-size", "0"))
                .isEqualTo("--db-pool-size must be auto or a number between 1 and 1000, not '0'.");
        assertThat(refusal("serve", "--db-pool-size", "lots"))
                .isEqualTo("--db-pool-size must be auto or a number between 1 and 1000, not 'lots'.");
        assertThat(refusal("serve", "--cache-stale-max", "2"))
                .isEqualTo("--cache-stale-max must be at least --cache-ttl (5 s), not 2.");
        assertThat(refusal("serve", "--shutdown-timeout", "-1"))
                .isEqualTo("--shutdown-timeout must be between 0 and 3600 seconds, not -1.");
        assertThat(refusal("serve", "--cache-ttl", "0")).isEqualTo("--cache-ttl must be at least 1 second, not 0.");
        assertThat(refusal("serve", "--cache-max-entries", "999"))
                .isEqualTo("--cache-max-entries must be between 1000 and 100000000, not 999.");
        assertThat(refusal("serve", "--webhook-allowed-networks", "10.0.0.0/99"))
                .startsWith("--webhook-allowed-networks has '10.0.0.0/99', which is not an IPv4 or IPv6 address");
        assertThat(refusal("serve", "--log-format", "xml")).isEqualTo("--log-format must be text or json, not 'xml'.");
        assertThat(refusal("serve", "--management-port", "65536"))
                .isEqualTo("--management-port must be between 1 and 65535, or 0 for none, not 65536.");
        assertThat(refusal("serve", "--port", "8443", "--management-port", "8443"))
                .isEqualTo("--management-port must differ from --port (8443): metrics and health have their own port.");
    }

    @Test
    void aManagementPortInUseIsOneSentenceBeforeAnythingIsWritten() throws Exception {
        Path dataDir = Files.createTempDirectory("latchkey-serve").resolve("never-made");
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = taken.getLocalPort();
            CommandLine cli = Main.commandLine();
            StringWriter err = new StringWriter();
            cli.setErr(new PrintWriter(err));
            assertThat(cli.execute("serve", "--port", "0", "--management-port", Integer.toString(port), "--data-dir",
                    dataDir.toString())).isEqualTo(1);
            assertThat(err.toString()).isEqualTo("latchkey: Port " + port + " on 127.0.0.1 is already in use by "
                    + "another process; stop it or choose another --management-port." + System.lineSeparator());
            assertThat(dataDir).as("refused before the data directory is made").doesNotExist();
        }
    }
}
