package dev.latchkey.app;

class PostgresPolicyApiTest extends PolicyApiContract {
    @Override
    TestServer start() {
        return TestServer.postgres();
    }
}
