package dev.latchkey.app.serviceid;

import dev.latchkey.app.support.TestServer;

class PostgresServiceIdGroupApiTest extends ServiceIdGroupApiContract {
    @Override
    public TestServer start() {
        return TestServer.postgres();
    }
}
