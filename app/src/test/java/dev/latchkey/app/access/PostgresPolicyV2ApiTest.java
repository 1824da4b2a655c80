package dev.latchkey.app.access;

import dev.latchkey.app.support.TestServer;

class PostgresPolicyV2ApiTest extends PolicyV2ApiContract {
    @Override
    public TestServer start() {
        return TestServer.postgres();
    }
}
