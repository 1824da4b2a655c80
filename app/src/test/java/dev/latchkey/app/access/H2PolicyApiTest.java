package dev.latchkey.app.access;

import dev.latchkey.app.support.TestServer;

class H2PolicyApiTest extends PolicyApiContract {
    @Override
    public TestServer start() {
        return TestServer.h2();
    }
}
