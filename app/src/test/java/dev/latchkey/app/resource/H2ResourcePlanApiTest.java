package dev.latchkey.app.resource;

import dev.latchkey.app.support.TestServer;

class H2ResourcePlanApiTest extends ResourcePlanApiContract {
    @Override
    public TestServer start() {
        return TestServer.h2();
    }
}
