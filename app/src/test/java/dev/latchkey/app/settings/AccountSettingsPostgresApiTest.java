package dev.latchkey.app.settings;

import dev.latchkey.app.support.TestServer;

class AccountSettingsPostgresApiTest extends AccountSettingsApiContract {
    @Override
    public TestServer start() {
        return TestServer.postgres();
    }
}
