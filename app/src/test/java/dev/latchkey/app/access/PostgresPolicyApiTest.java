package dev.latchkey.app.access;

import dev.latchkey.app.support.TestServer;

class PostgresPolicyApiTest extends PolicyApiContract {
    @Override
    public TestServer start() {
        return TestServer.postgres();
    }
}
