package dev.latchkey.app;

class AccountSettingsH2ApiTest extends AccountSettingsApiContract {
    @Override
    TestServer start() {
        return TestServer.h2();
    }
}
