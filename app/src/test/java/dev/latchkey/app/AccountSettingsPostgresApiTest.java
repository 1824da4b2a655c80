package dev.latchkey.app;

class AccountSettingsPostgresApiTest extends AccountSettingsApiContract {
    @Override
    TestServer start() {
        return TestServer.postgres();
    }
}
