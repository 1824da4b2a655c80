package dev.latchkey.app.access;

import dev.latchkey.app.support.TestServer;

class PostgresAccessGroupApiTest extends AccessGroupApiContract {
    @Override
    public TestServer start() {
        return TestServer.postgres();
    }
}
