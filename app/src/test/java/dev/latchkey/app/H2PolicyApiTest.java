package dev.latchkey.app;

class H2PolicyApiTest extends PolicyApiContract {
    @Override
    TestServer start() {
        return TestServer.h2();
    }
}
