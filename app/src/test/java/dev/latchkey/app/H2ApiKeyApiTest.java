package dev.latchkey.app;

class H2ApiKeyApiTest extends ApiKeyApiContract {
    @Override
    TestServer start() {
        return TestServer.h2();
    }
}
