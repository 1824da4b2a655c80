package dev.latchkey.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs the CLI in-process with a given config directory and stdin, capturing exit code, stdout and stderr. */
public record CliRun(int exitCode, String out, String err) {
    public static CliRun run(Path configDir, String stdin, String... args) {
        return run(new CommandLine(new LatchkeyCliRoot()), configDir, stdin, args);
    }

    public static CliRun run(CommandLine commandLine, Path configDir, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        String previousDir = System.getProperty(ProfileStore.DIRECTORY_PROPERTY);
        InputStream previousIn = System.in;
        System.setProperty(ProfileStore.DIRECTORY_PROPERTY, configDir.toString());
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            int exitCode = commandLine.execute(args);
            return new CliRun(exitCode, out.toString(), err.toString());
        } finally {
            System.setIn(previousIn);
            if (previousDir == null) {
                System.clearProperty(ProfileStore.DIRECTORY_PROPERTY);
            } else {
                System.setProperty(ProfileStore.DIRECTORY_PROPERTY, previousDir);
            }
        }
    }
}
