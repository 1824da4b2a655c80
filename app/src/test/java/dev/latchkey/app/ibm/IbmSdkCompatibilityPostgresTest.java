package dev.latchkey.app.ibm;

import dev.latchkey.app.support.TestServer;

/**
 * {@link IbmSdkCompatibilityTest} on PostgreSQL. Skipped with a visible message when PostgreSQL is unreachable,
 * except under {@code CI=true}, where it fails (see {@code dev.latchkey.store.Postgres}).
 */
class IbmSdkCompatibilityPostgresTest extends IbmSdkCompatibilityTest {
    @Override
    TestServer startServer() {
        return TestServer.postgres();
    }
}
