package dev.latchkey.app.resource;

import dev.latchkey.app.support.TestServer;

class PostgresResourceApiTest extends ResourceApiContract {
    @Override
    public TestServer start() {
        return TestServer.postgres();
    }
}
