package dev.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code latchkey --version} and {@code latchkey version} name the version and the commit the build came from. */
class VersionTest {

    private static String run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute(args)).isZero();
        return out.toString().strip();
    }

    @Test
    void bothFormsNameTheCheckedOutCommit() throws IOException, InterruptedException {
        Process git = new ProcessBuilder("git", "rev-parse", "--short=7", "HEAD").redirectErrorStream(true).start();
        String head = new String(git.getInputStream().readAllBytes()).strip();
        assertThat(git.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(git.exitValue()).as("the tests run in a git checkout: %s", head).isZero();

        String line = run("--version");
        assertThat(line).startsWith("Latchkey 0.1.0-SNAPSHOT (commit " + head).endsWith(")");
        assertThat(run("version")).isEqualTo(line);
    }

    @Test
    void aJarBuiltOutsideGitSaysSo() {
        assertThat(new BuildInfo("1.0", "", "", false).describe())
                .isEqualTo("Latchkey 1.0 (commit unknown: built outside a git checkout)");
        assertThat(new BuildInfo("1.0", "abc1234", "2026-12-05T07:42:00Z", true).describe())
                .isEqualTo("Latchkey 1.0 (commit abc1234 of 2026-12-05T07:42:00Z, with local changes)");
    }
}
