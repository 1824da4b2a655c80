package dev.latchkey.app.serviceid;

import dev.latchkey.app.support.TestServer;

class PostgresServiceIdApiTest extends ServiceIdApiContract {
    @Override
    public TestServer start() {
        return TestServer.postgres();
    }
}
