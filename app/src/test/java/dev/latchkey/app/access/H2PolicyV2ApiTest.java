package dev.latchkey.app.access;

import dev.latchkey.app.support.TestServer;

class H2PolicyV2ApiTest extends PolicyV2ApiContract {
    @Override
    public TestServer start() {
        return TestServer.h2();
    }
}
