package dev.latchkey.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the command tests against {@link StubIamServer}: a stub that issues tokens for {@code IBMid-1} in account
 * {@code acc1}, and a profile logged in to it in {@link #config}. A test class adds its canned answers in a
 * {@code @BeforeEach} of its own, which JUnit runs after this one.
 */
public abstract class StubServerTest {
    @TempDir
    protected Path config;

    protected StubIamServer server;

    @BeforeEach
    void startStub() throws IOException {
        server = new StubIamServer().issuesTokensFor("IBMid-1", "acc1");
        new ProfileStore(config).save(new Profile(server.url(), "lk_key", null, null));
    }

    @AfterEach
    void stopStub() {
        server.close();
    }
}
