package dev.latchkey.app.support;

import dev.latchkey.app.Main;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Runs the {@code latchkey} command in-process, as a user would type it, with its profile in {@code configDir} and
 * the given text on stdin; captures the exit code and both output streams.
 */
public final class LatchkeyCli {
    private final Path configDir;

    public record Run(int exit, String out, String err) {
    }

    public LatchkeyCli(Path configDir) {
        this.configDir = configDir;
    }

    public Run run(String... args) {
        return runWithInput("", args);
    }

    public Run runWithInput(String stdin, String... args) {
        System.setProperty("latchkey.config.dir", configDir.toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        var original = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            return new Run(cli.execute(args), out.toString(), err.toString());
        } finally {
            System.setIn(original);
        }
    }

    /** Forgets the profile directory for the next test class. */
    public static void reset() {
        System.clearProperty("latchkey.config.dir");
    }
}
