package dev.latchkey.app;

import dev.latchkey.app.support.TestServer;

class H2EdgeInputTest extends EdgeInputContract {
    @Override
    public TestServer start() {
        return TestServer.h2();
    }
}
