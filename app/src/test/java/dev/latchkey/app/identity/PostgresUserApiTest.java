package dev.latchkey.app.identity;

import dev.latchkey.app.support.TestServer;

class PostgresUserApiTest extends UserApiContract {
    @Override
    public TestServer start() {
        return TestServer.postgres();
    }
}
