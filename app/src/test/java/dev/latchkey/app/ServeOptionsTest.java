package dev.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code latchkey serve} refuses a bad option value with one clear sentence and exit code 2, before starting. */
class ServeOptionsTest {

    private static String refusal(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute(args)).isEqualTo(2);
        return err.toString().lines().findFirst().orElse("");
    }

    @Test
    void badSettingsAreRefused() {
        assertThat(refusal("serve", "--notification-retention", "0"))
                .isEqualTo("--notification-retention must be at least 1 day, not 0.");
        assertThat(refusal("serve", "--signing-threads", "-1"))
                .isEqualTo("--signing-threads must be between 0 and 256, not -1.");
        assertThat(refusal("serve", "--cache-stale-max", "2"))
                .isEqualTo("--cache-stale-max must be at least --cache-ttl (5 s), not 2.");
        assertThat(refusal("serve", "--shutdown-timeout", "-1"))
                .isEqualTo("--shutdown-timeout must be between 0 and 3600 seconds, not -1.");
        assertThat(refusal("serve", "--cache-ttl", "0")).isEqualTo("--cache-ttl must be at least 1 second, not 0.");
        assertThat(refusal("serve", "--webhook-allowed-networks", "10.0.0.0/99"))
                .startsWith("--webhook-allowed-networks has '10.0.0.0/99', which is not an IPv4 or IPv6 address");
        assertThat(refusal("serve", "--log-format", "xml")).isEqualTo("--log-format must be text or json, not 'xml'.");
    }
}
