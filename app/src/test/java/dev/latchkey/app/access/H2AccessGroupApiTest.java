package dev.latchkey.app.access;

import dev.latchkey.app.support.TestServer;

class H2AccessGroupApiTest extends AccessGroupApiContract {
    @Override
    public TestServer start() {
        return TestServer.h2();
    }
}
