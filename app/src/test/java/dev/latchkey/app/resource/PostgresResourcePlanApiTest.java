package dev.latchkey.app.resource;

import dev.latchkey.app.support.TestServer;

class PostgresResourcePlanApiTest extends ResourcePlanApiContract {
    @Override
    public TestServer start() {
        return TestServer.postgres();
    }
}
