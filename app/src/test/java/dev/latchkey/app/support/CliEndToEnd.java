package dev.latchkey.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.app.support.LatchkeyCli.Run;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the command line's end-to-end tests: one embedded server for the test class, and {@code latchkey} run as a
 * user types it, with {@link #configDir} as its profile directory (the identity a test logs in first). A second
 * identity logs in with a directory of its own: {@code new LatchkeyCli(otherDir).run(...)}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class CliEndToEnd {
    protected TestServer server;
    @TempDir
    protected Path configDir;

    @BeforeAll
    void startServer() {
        server = TestServer.h2();
    }

    @AfterAll
    void stopServer() {
        server.close();
        LatchkeyCli.reset();
    }

    /** {@code latchkey ARGS} with {@link #configDir}'s profile. */
    protected Run latchkey(String... args) {
        return new LatchkeyCli(configDir).run(args);
    }

    /** The first match of {@code pattern} in a command's output; fails, showing the output, when there is none. */
    protected static String first(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as(pattern + " in: " + text).isTrue();
        return matcher.group();
    }
}
