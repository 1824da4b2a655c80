package dev.latchkey.app;

class H2EdgeInputTest extends EdgeInputContract {
    @Override
    TestServer start() {
        return TestServer.h2();
    }
}
