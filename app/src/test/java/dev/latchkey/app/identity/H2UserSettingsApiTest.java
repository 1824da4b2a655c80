package dev.latchkey.app.identity;

import dev.latchkey.app.support.TestServer;

class H2UserSettingsApiTest extends UserSettingsApiContract {
    @Override
    public TestServer start() {
        return TestServer.h2();
    }
}
