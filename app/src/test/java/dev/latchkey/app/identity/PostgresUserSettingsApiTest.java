package dev.latchkey.app.identity;

import dev.latchkey.app.support.TestServer;

class PostgresUserSettingsApiTest extends UserSettingsApiContract {
    @Override
    public TestServer start() {
        return TestServer.postgres();
    }
}
