package dev.latchkey.app.serviceid;

import dev.latchkey.app.support.TestServer;

class H2ServiceIdApiTest extends ServiceIdApiContract {
    @Override
    public TestServer start() {
        return TestServer.h2();
    }
}
