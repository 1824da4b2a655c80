package dev.latchkey.app.settings;

import dev.latchkey.app.support.TestServer;

class AccountSettingsH2ApiTest extends AccountSettingsApiContract {
    @Override
    public TestServer start() {
        return TestServer.h2();
    }
}
