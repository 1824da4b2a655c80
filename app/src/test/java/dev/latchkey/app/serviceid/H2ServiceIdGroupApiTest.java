package dev.latchkey.app.serviceid;

import dev.latchkey.app.support.TestServer;

class H2ServiceIdGroupApiTest extends ServiceIdGroupApiContract {
    @Override
    public TestServer start() {
        return TestServer.h2();
    }
}
