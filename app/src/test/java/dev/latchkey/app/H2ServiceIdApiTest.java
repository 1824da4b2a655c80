package dev.latchkey.app;

class H2ServiceIdApiTest extends ServiceIdApiContract {
    @Override
    TestServer start() {
        return TestServer.h2();
    }
}
