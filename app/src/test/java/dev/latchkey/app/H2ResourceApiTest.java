package dev.latchkey.app;

class H2ResourceApiTest extends ResourceApiContract {
    @Override
    TestServer start() {
        return TestServer.h2();
    }
}
